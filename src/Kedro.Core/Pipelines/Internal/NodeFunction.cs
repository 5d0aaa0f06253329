using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Kedro.Pipelines.Internal;

/// <summary>
/// What Kedro.NET knows about a node function: its readable name, its bindable parameters, how it returns,
/// and a compiled invoker. Analysed once per (delegate type, method) and cached; the invoker is compiled
/// once per delegate type, so invoking a node never goes through reflection.
/// </summary>
internal sealed class NodeFunction
{
    private static readonly ConcurrentDictionary<(Type, MethodInfo), NodeFunction> Functions = new();
    private static readonly ConcurrentDictionary<Type, Func<Delegate, object?[], object?>> Invokers = new();

    private NodeFunction(Type delegateType, MethodInfo method)
    {
        var invoke = delegateType.GetMethod("Invoke")
            ?? throw NodeErrors.NotAFunction(delegateType.Name);
        FuncName = ReadableName(method);
        Module = ModuleName(method);

        var invokeParameters = invoke.GetParameters();
        var methodParameters = method.GetParameters();
        var offset = methodParameters.Length - invokeParameters.Length;
        var isDynamic = method.DeclaringType is null;
        var parameters = new List<NodeParameter>(invokeParameters.Length);
        TokenIndex = -1;
        for (var i = 0; i < invokeParameters.Length; i++)
        {
            var declared = offset >= 0 && offset + i < methodParameters.Length ? methodParameters[offset + i] : invokeParameters[i];
            var type = invokeParameters[i].ParameterType;
            var name = declared.Name ?? invokeParameters[i].Name ?? "arg" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (type.IsByRef || type.IsPointer)
            {
                throw NodeErrors.ParameterByReference(name);
            }

            if (type == typeof(CancellationToken) && TokenIndex < 0)
            {
                TokenIndex = i;
                continue;
            }

            var hasDefault = declared.HasDefaultValue || invokeParameters[i].HasDefaultValue;
            object? defaultValue = null;
            if (hasDefault)
            {
                defaultValue = declared.HasDefaultValue ? declared.DefaultValue : invokeParameters[i].DefaultValue;
                if (defaultValue is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
                {
                    defaultValue = RuntimeHelpers.GetUninitializedObject(type);
                }
            }

            var isParams = i == invokeParameters.Length - 1 && type.IsArray
                && (invokeParameters[i].IsDefined(typeof(ParamArrayAttribute), false)
                    || (!isDynamic && declared.IsDefined(typeof(ParamArrayAttribute), false)));
            parameters.Add(new NodeParameter(name, type, i, hasDefault, defaultValue, isParams));
        }

        Parameters = parameters;
        ArgCount = invokeParameters.Length;
        (ReturnKind, ResultType) = Classify(invoke.ReturnType, method, isDynamic);
        if (ReturnKind == NodeReturnKind.Awaitable)
        {
            Await = CreateAwaiter(invoke.ReturnType);
        }
        else if (ReturnKind == NodeReturnKind.AsyncIterator)
        {
            AsyncItems = CreateAsyncItems(ResultType!);
        }

        Invoke = Invokers.GetOrAdd(delegateType, CompileInvoker);
    }

    /// <summary>The function's readable name (Kedro's <c>func_name</c>): the method name, <c>&lt;lambda&gt;</c> for lambdas.</summary>
    public string FuncName { get; }

    /// <summary>The declaring type's full name (Kedro's <c>__module__</c>), used for the auto-name hash.</summary>
    public string Module { get; }

    /// <summary>The bindable parameters in declaration order.</summary>
    public IReadOnlyList<NodeParameter> Parameters { get; }

    /// <summary>The number of arguments the delegate takes (including the token).</summary>
    public int ArgCount { get; }

    /// <summary>The position of the <see cref="CancellationToken"/> argument, or -1.</summary>
    public int TokenIndex { get; }

    /// <summary>How the function returns.</summary>
    public NodeReturnKind ReturnKind { get; }

    /// <summary>The type of the value that fills the outputs (unwrapped from tasks; the item type when streaming).</summary>
    public Type? ResultType { get; }

    /// <summary>Invokes the delegate with boxed arguments and returns its boxed result.</summary>
    public Func<Delegate, object?[], object?> Invoke { get; }

    /// <summary>For awaitable results: awaits the boxed task and returns its boxed result.</summary>
    public Func<object, ValueTask<object?>>? Await { get; }

    /// <summary>For async streams: the boxed items.</summary>
    public Func<object, CancellationToken, IAsyncEnumerable<object?>>? AsyncItems { get; }

    /// <summary>Whether the node streams (Kedro's generator node).</summary>
    public bool IsStreaming => ReturnKind is NodeReturnKind.Iterator or NodeReturnKind.AsyncIterator;

    public static NodeFunction For(Delegate func) =>
        Functions.GetOrAdd((func.GetType(), func.Method), static key => new NodeFunction(key.Item1, key.Item2));

    private static string ReadableName(MethodInfo method)
    {
        var name = method.Name;
        if (method.DeclaringType is null)
        {
            return "<lambda>";
        }

        if (!name.Contains('<', StringComparison.Ordinal))
        {
            return name;
        }

        // Local function: <Outer>g__Name|1_0 -> Name.
        var local = name.IndexOf(">g__", StringComparison.Ordinal);
        if (local >= 0)
        {
            var start = local + 4;
            var end = name.IndexOf('|', start);
            return name[start..(end < 0 ? name.Length : end)];
        }

        // Lambda: <Outer>b__1_0, as Kedro names Python lambdas.
        return "<lambda>";
    }

    private static string ModuleName(MethodInfo method)
    {
        var type = method.DeclaringType;
        while (type is not null && type.DeclaringType is not null
               && (type.Name.StartsWith('<') || type.IsDefined(typeof(CompilerGeneratedAttribute), false)))
        {
            type = type.DeclaringType;
        }

        return type?.FullName?.Replace('+', '.') ?? string.Empty;
    }

    private static (NodeReturnKind Kind, Type? ResultType) Classify(Type returnType, MethodInfo method, bool isDynamic)
    {
        if (returnType == typeof(void))
        {
            return (NodeReturnKind.Void, null);
        }

        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return (NodeReturnKind.Awaitable, null);
        }

        if (returnType.IsGenericType)
        {
            var definition = returnType.GetGenericTypeDefinition();
            var argument = returnType.GetGenericArguments()[0];
            if (definition == typeof(Task<>) || definition == typeof(ValueTask<>))
            {
                return (NodeReturnKind.Awaitable, argument);
            }

            if (definition == typeof(IAsyncEnumerable<>))
            {
                return (NodeReturnKind.AsyncIterator, argument);
            }

            if (definition == typeof(IEnumerable<>) && !isDynamic && method.IsDefined(typeof(IteratorStateMachineAttribute), false))
            {
                return (NodeReturnKind.Iterator, argument);
            }
        }

        if (returnType == typeof(IEnumerable) && !isDynamic && method.IsDefined(typeof(IteratorStateMachineAttribute), false))
        {
            return (NodeReturnKind.Iterator, null);
        }

        return (NodeReturnKind.Value, returnType);
    }

    private static Func<Delegate, object?[], object?> CompileInvoker(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var func = Expression.Parameter(typeof(Delegate), "func");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var arguments = invoke.GetParameters()
            .Select((parameter, index) => (Expression)Expression.Convert(
                Expression.ArrayIndex(args, Expression.Constant(index)), parameter.ParameterType));
        Expression call = Expression.Call(Expression.Convert(func, delegateType), invoke, arguments);
        Expression body = invoke.ReturnType == typeof(void)
            ? Expression.Block(call, Expression.Constant(null, typeof(object)))
            : Expression.Convert(call, typeof(object));
        return Expression.Lambda<Func<Delegate, object?[], object?>>(body, func, args).Compile();
    }

    private static Func<object, ValueTask<object?>> CreateAwaiter(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return static boxed => AwaitTask((Task)boxed);
        }

        if (returnType == typeof(ValueTask))
        {
            return static boxed => AwaitValueTask((ValueTask)boxed);
        }

        var helper = returnType.GetGenericTypeDefinition() == typeof(Task<>) ? nameof(AwaitTaskOf) : nameof(AwaitValueTaskOf);
        return typeof(NodeFunction).GetMethod(helper, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(returnType.GetGenericArguments()[0])
            .CreateDelegate<Func<object, ValueTask<object?>>>();
    }

    private static Func<object, CancellationToken, IAsyncEnumerable<object?>> CreateAsyncItems(Type itemType) =>
        typeof(NodeFunction).GetMethod(nameof(BoxItems), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(itemType)
            .CreateDelegate<Func<object, CancellationToken, IAsyncEnumerable<object?>>>();

    private static ValueTask<object?> AwaitTask(Task task)
    {
        return task.IsCompletedSuccessfully ? new ValueTask<object?>((object?)null) : Slow(task);

        static async ValueTask<object?> Slow(Task task)
        {
            await task.ConfigureAwait(false);
            return null;
        }
    }

    private static ValueTask<object?> AwaitValueTask(ValueTask task)
    {
        return task.IsCompletedSuccessfully ? new ValueTask<object?>((object?)null) : Slow(task);

        static async ValueTask<object?> Slow(ValueTask task)
        {
            await task.ConfigureAwait(false);
            return null;
        }
    }

    private static ValueTask<object?> AwaitTaskOf<T>(object boxed)
    {
        var task = (Task<T>)boxed;
        return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : Slow(task);

        static async ValueTask<object?> Slow(Task<T> task) => await task.ConfigureAwait(false);
    }

    private static ValueTask<object?> AwaitValueTaskOf<T>(object boxed)
    {
        var task = (ValueTask<T>)boxed;
        return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : Slow(task);

        static async ValueTask<object?> Slow(ValueTask<T> task) => await task.ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<object?> BoxItems<T>(object boxed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ((IAsyncEnumerable<T>)boxed).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}

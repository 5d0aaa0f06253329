using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Kedro.WorkerProcesses.Runner;

namespace Kedro.WorkerProcesses.Protocol;

/// <summary>
/// What identifies a delegate's method across processes: its assembly (name, file and module version id), declaring
/// type, metadata token and generic arguments, the delegate type, and how to obtain the target. A static method has no
/// target; a lambda that captures nothing is an instance method of the compiler's singleton closure class
/// (<c>&lt;&gt;c</c>, read from its <c>&lt;&gt;9</c> field); any other target whose type holds no instance field is
/// re-created empty. Anything else (a closure over variables, a dynamic method, several methods) is not portable.
/// </summary>
internal sealed record FunctionIdentity
{
    private static readonly ConcurrentDictionary<FunctionIdentity, Delegate> Resolved = new();

    public required string Assembly { get; init; }

    public required string AssemblyPath { get; init; }

    public required Guid ModuleVersionId { get; init; }

    public required string DeclaringType { get; init; }

    public required int MetadataToken { get; init; }

    public required string DelegateType { get; init; }

    public string[] MethodArguments { get; init; } = [];

    /// <summary><c>null</c> for a static method, <c>"&lt;&gt;9"</c> for the compiler's singleton, <c>""</c> for an empty object.</summary>
    public string? Target { get; init; }

    /// <summary>Why the delegate cannot be re-created in another process, or <see langword="null"/> when it can.</summary>
    public static string? WhyNotPortable(Delegate function, out FunctionIdentity? identity)
    {
        identity = null;
        if (function.HasSingleTarget is false)
        {
            return "it combines several methods";
        }

        var method = function.Method;
        var declaring = method.DeclaringType;
        if (declaring is null || method.Module.Assembly.IsDynamic || string.IsNullOrEmpty(method.Module.Assembly.Location)
            || method.GetType().Name.Contains("Dynamic", StringComparison.Ordinal))
        {
            return "its function is a dynamic method, not a method of an assembly file";
        }

        if (declaring.IsGenericTypeDefinition || method.ContainsGenericParameters)
        {
            return "its function has open generic parameters";
        }

        string? target = null;
        if (function.Target is { } instance)
        {
            var type = instance.GetType();
            if (HasInstanceFields(type))
            {
                return type.Name.Contains("DisplayClass", StringComparison.Ordinal) || type.IsDefined(typeof(CompilerGeneratedAttribute))
                    ? "its function is a closure that captures variables"
                    : $"its function is an instance method of '{type.Name}', whose state cannot be sent to another process";
            }

            var singleton = type.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
            target = singleton is not null && ReferenceEquals(singleton.GetValue(null), instance) ? "<>9" : string.Empty;
        }

        identity = new FunctionIdentity
        {
            Assembly = method.Module.Assembly.FullName ?? string.Empty,
            AssemblyPath = method.Module.Assembly.Location,
            ModuleVersionId = method.Module.ModuleVersionId,
            DeclaringType = declaring.AssemblyQualifiedName ?? declaring.FullName ?? declaring.Name,
            MetadataToken = method.MetadataToken,
            DelegateType = function.GetType().AssemblyQualifiedName ?? function.GetType().FullName ?? string.Empty,
            MethodArguments = method.IsGenericMethod ? [.. method.GetGenericArguments().Select(t => t.AssemblyQualifiedName ?? t.FullName ?? t.Name)] : [],
            Target = target,
        };
        return null;
    }

    /// <summary>Re-creates the delegate in this process (cached).</summary>
    public Delegate Resolve() => Resolved.GetOrAdd(this, static identity => identity.Create());

    /// <summary>Whether this identity names a method in this process's copy of the assembly (same module version id).</summary>
    public bool Equals(FunctionIdentity? other) =>
        other is not null && MetadataToken == other.MetadataToken && ModuleVersionId == other.ModuleVersionId
        && string.Equals(DeclaringType, other.DeclaringType, StringComparison.Ordinal)
        && string.Equals(DelegateType, other.DelegateType, StringComparison.Ordinal)
        && string.Equals(Target, other.Target, StringComparison.Ordinal)
        && MethodArguments.SequenceEqual(other.MethodArguments, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(MetadataToken, ModuleVersionId, StringComparer.Ordinal.GetHashCode(DeclaringType));

    private static bool HasInstanceFields(Type? type)
    {
        for (; type is not null && type != typeof(object); type = type.BaseType)
        {
            if (type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private Delegate Create()
    {
        EnsureAssemblyLoaded();
        var declaring = FindType(DeclaringType);
        if (declaring.Module.ModuleVersionId != ModuleVersionId)
        {
            throw new InvalidOperationException(ParallelErrors.AssemblyMismatch(Assembly, declaring.Assembly.Location));
        }

        const BindingFlags All = BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var method = declaring.GetMethods(All).FirstOrDefault(m => m.MetadataToken == MetadataToken)
            ?? throw new InvalidOperationException(ParallelErrors.MethodNotFound(DeclaringType, MetadataToken));
        if (MethodArguments.Length > 0)
        {
            method = method.MakeGenericMethod([.. MethodArguments.Select(FindType)]);
        }

        var delegateType = FindType(DelegateType);
        object? target = Target switch
        {
            null => null,
            "<>9" => declaring.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!.GetValue(null),
            _ => RuntimeHelpers.GetUninitializedObject(declaring),
        };
        return method.CreateDelegate(delegateType, target);
    }

    private void EnsureAssemblyLoaded()
    {
        var name = new AssemblyName(Assembly);
        if (AppDomain.CurrentDomain.GetAssemblies().Any(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName())))
        {
            return;
        }

        try
        {
            AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException) when (File.Exists(AssemblyPath))
        {
            AssemblyLoadContext.Default.LoadFromAssemblyPath(AssemblyPath);
        }
    }

    private static Type FindType(string name) =>
        Type.GetType(name, throwOnError: false) ?? throw new InvalidOperationException(ParallelErrors.TypeNotFound(name));
}

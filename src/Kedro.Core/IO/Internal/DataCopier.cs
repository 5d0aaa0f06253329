using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ConstrainedExecution;

namespace Kedro.IO.Internal;

/// <summary>
/// Copies values for <see cref="MemoryDataset"/> by <see cref="CopyMode"/>. What each kind of value gets by default
/// is documented on <see cref="CopyMode"/>. Per-type decisions and field lists are computed once and cached.
/// </summary>
internal static class DataCopier
{
    private static readonly ConcurrentDictionary<Type, TypePlan> Plans = new();

    private static readonly Func<object, object> MemberwiseCloneFunc =
        typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!
            .CreateDelegate<Func<object, object>>();

    private static readonly MethodInfo ContainsReferencesMethod =
        typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!;

    /// <summary>Copies a value with the given mode, or the mode chosen for its type when <paramref name="mode"/> is null.</summary>
    internal static object? Copy(object? value, CopyMode? mode)
    {
        if (value is null)
        {
            return null;
        }

        var plan = PlanFor(value.GetType());
        return (mode ?? plan.DefaultMode) switch
        {
            CopyMode.Assign => value,
            CopyMode.Copy => plan.IsShared ? value : plan.ShallowCopy(value),
            CopyMode.DeepCopy => plan.IsShared ? value : new DeepCopyContext().CopyWithPlan(value, plan),
            var other => throw DatasetErrors.InvalidCopyMode(other.ToString()),
        };
    }

    /// <summary>The mode used for a value when none is given.</summary>
    internal static CopyMode DefaultMode(object? value) => value is null ? CopyMode.Assign : PlanFor(value.GetType()).DefaultMode;

    private static TypePlan PlanFor(Type type) => Plans.GetOrAdd(type, static t => new TypePlan(t));

    // Whether instances of a type (and of every type derived from it) are never copied: immutable values
    // and objects that stand for a resource rather than data.
    private static bool IsShared(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type.IsPointer || type == typeof(string) || type == typeof(decimal)
            || type == typeof(System.Numerics.BigInteger) || type == typeof(Version) || type == typeof(Uri))
        {
            return true;
        }

        if (type.IsValueType)
        {
            return type == typeof(CancellationToken) || !ContainsReferences(type) || IsImmutableCollection(type);
        }

        return typeof(Delegate).IsAssignableFrom(type)
            || typeof(MemberInfo).IsAssignableFrom(type)
            || typeof(Assembly).IsAssignableFrom(type)
            || typeof(Module).IsAssignableFrom(type)
            || typeof(MarshalByRefObject).IsAssignableFrom(type)
            || typeof(CriticalFinalizerObject).IsAssignableFrom(type)
            || typeof(Task).IsAssignableFrom(type)
            || typeof(IDataset).IsAssignableFrom(type)
            || IsImmutableCollection(type);
    }

    private static bool IsImmutableCollection(Type type) =>
        type.Namespace is "System.Collections.Immutable" or "System.Collections.Frozen";

    private static bool ContainsReferences(Type type) =>
        (bool)ContainsReferencesMethod.MakeGenericMethod(type).Invoke(null, null)!;

    private static FieldInfo[] FieldsToCopy(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!IsShared(field.FieldType))
                {
                    fields.Add(field);
                }
            }
        }

        return [.. fields];
    }

    private static Func<object, DeepCopyContext, object>? DeepCollectionCopier(Type type) =>
        CollectionHelper(type, nameof(DeepCopyList), nameof(DeepCopyDictionary), nameof(DeepCopyHashSet))
            ?.CreateDelegate<Func<object, DeepCopyContext, object>>();

    private static Func<object, object>? ShallowCollectionCopier(Type type) =>
        CollectionHelper(type, nameof(ShallowCopyList), nameof(ShallowCopyDictionary), nameof(ShallowCopyHashSet))
            ?.CreateDelegate<Func<object, object>>();

    private static MethodInfo? CollectionHelper(Type type, string list, string dictionary, string set)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var name = definition == typeof(List<>) ? list
            : definition == typeof(Dictionary<,>) ? dictionary
            : definition == typeof(HashSet<>) ? set
            : null;
        return name is null
            ? null
            : typeof(DataCopier).GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(type.GetGenericArguments());
    }

    private static List<TItem> DeepCopyList<TItem>(object source, DeepCopyContext context)
    {
        var list = (List<TItem>)source;
        var copy = new List<TItem>(list.Count);
        context.Register(source, copy);
        foreach (var item in list)
        {
            copy.Add((TItem)context.Copy(item)!);
        }

        return copy;
    }

    private static Dictionary<TKey, TValue> DeepCopyDictionary<TKey, TValue>(object source, DeepCopyContext context)
        where TKey : notnull
    {
        var dictionary = (Dictionary<TKey, TValue>)source;
        var copy = new Dictionary<TKey, TValue>(dictionary.Count, dictionary.Comparer);
        context.Register(source, copy);
        foreach (var (key, value) in dictionary)
        {
            copy.Add((TKey)context.Copy(key)!, (TValue)context.Copy(value)!);
        }

        return copy;
    }

    private static HashSet<TItem> DeepCopyHashSet<TItem>(object source, DeepCopyContext context)
    {
        var set = (HashSet<TItem>)source;
        var copy = new HashSet<TItem>(set.Count, set.Comparer);
        context.Register(source, copy);
        foreach (var item in set)
        {
            copy.Add((TItem)context.Copy(item)!);
        }

        return copy;
    }

    private static List<TItem> ShallowCopyList<TItem>(object source) => [.. (List<TItem>)source];

    private static Dictionary<TKey, TValue> ShallowCopyDictionary<TKey, TValue>(object source)
        where TKey : notnull
    {
        var dictionary = (Dictionary<TKey, TValue>)source;
        return new Dictionary<TKey, TValue>(dictionary, dictionary.Comparer);
    }

    private static HashSet<TItem> ShallowCopyHashSet<TItem>(object source)
    {
        var set = (HashSet<TItem>)source;
        return new HashSet<TItem>(set, set.Comparer);
    }

    private sealed class TypePlan
    {
        private readonly Type _type;
        private readonly bool _elementsShared;
        private readonly Func<object, DeepCopyContext, object>? _deepCollection;
        private readonly Func<object, object>? _shallowCollection;
        private FieldInfo[]? _fields;

        internal TypePlan(Type type)
        {
            _type = type;
            IsShared = IsShared(type);
            if (IsShared)
            {
                DefaultMode = CopyMode.Assign;
                return;
            }

            if (type.IsArray)
            {
                _elementsShared = IsShared(type.GetElementType()!);
                DefaultMode = _elementsShared ? CopyMode.Copy : CopyMode.DeepCopy;
                return;
            }

            DefaultMode = CopyMode.DeepCopy;
            _deepCollection = DeepCollectionCopier(type);
            _shallowCollection = ShallowCollectionCopier(type);
        }

        internal bool IsShared { get; }

        internal CopyMode DefaultMode { get; }

        internal object ShallowCopy(object value) =>
            value is Array array ? array.Clone()
            : _shallowCollection is not null ? _shallowCollection(value)
            : MemberwiseCloneFunc(value);

        internal object DeepCopy(object value, DeepCopyContext context)
        {
            if (value is Array array)
            {
                var clone = (Array)array.Clone();
                context.Register(value, clone);
                if (!_elementsShared)
                {
                    CopyElements(clone, context);
                }

                return clone;
            }

            if (_deepCollection is not null)
            {
                return _deepCollection(value, context);
            }

            var copy = MemberwiseCloneFunc(value);
            context.Register(value, copy);
            foreach (var field in _fields ??= FieldsToCopy(_type))
            {
                field.SetValue(copy, context.Copy(field.GetValue(copy)));
            }

            return copy;
        }

        private static void CopyElements(Array clone, DeepCopyContext context)
        {
            if (clone is object?[] objects)
            {
                for (var i = 0; i < objects.Length; i++)
                {
                    objects[i] = context.Copy(objects[i]);
                }

                return;
            }

            if (clone.Rank == 1)
            {
                var lower = clone.GetLowerBound(0);
                for (var i = lower; i <= clone.GetUpperBound(0); i++)
                {
                    clone.SetValue(context.Copy(clone.GetValue(i)), i);
                }

                return;
            }

            if (clone.Length == 0)
            {
                return;
            }

            var indices = new int[clone.Rank];
            for (var d = 0; d < clone.Rank; d++)
            {
                indices[d] = clone.GetLowerBound(d);
            }

            while (true)
            {
                clone.SetValue(context.Copy(clone.GetValue(indices)), indices);
                var dimension = clone.Rank - 1;
                while (dimension >= 0 && ++indices[dimension] > clone.GetUpperBound(dimension))
                {
                    indices[dimension] = clone.GetLowerBound(dimension);
                    dimension--;
                }

                if (dimension < 0)
                {
                    return;
                }
            }
        }
    }

    // One deep copy: remembers what has been copied so shared references stay shared and cycles end.
    private sealed class DeepCopyContext
    {
        private readonly Dictionary<object, object> _copies = new(ReferenceEqualityComparer.Instance);

        internal object? Copy(object? value)
        {
            if (value is null)
            {
                return null;
            }

            var plan = PlanFor(value.GetType());
            return plan.IsShared ? value : CopyWithPlan(value, plan);
        }

        internal object CopyWithPlan(object value, TypePlan plan) =>
            _copies.TryGetValue(value, out var existing) ? existing : plan.DeepCopy(value, this);

        internal void Register(object original, object copy) => _copies[original] = copy;
    }
}

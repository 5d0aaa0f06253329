using System.Collections;
using System.Reflection;
using Kedro.Conversion;
using Kedro.IO;

namespace Kedro.Datasets.Partitions;

/// <summary>
/// Builds the dictionaries the partitioned datasets load as, shaped by the type a node asks for: the dictionary type
/// (<c>IReadOnlyDictionary</c>, <c>IDictionary</c>, <c>Dictionary</c>, <c>OrderedDictionary</c>; an ordered dictionary
/// unless <c>Dictionary</c> is asked for) and its value type.
/// </summary>
internal static class PartitionLoads
{
    private static readonly MethodInfo LazyMethod = typeof(PartitionLoads).GetMethod(nameof(Lazy), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo LazyAsyncMethod = typeof(PartitionLoads).GetMethod(nameof(LazyAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// The value type of the dictionary <paramref name="requested"/> names, and the dictionary to fill, or
    /// <see langword="null"/> when <paramref name="requested"/> is not a dictionary keyed by partition id.
    /// </summary>
    public static (Type Value, IDictionary Dictionary)? Dictionary(Type requested, Type untypedValue)
    {
        if (requested == typeof(object))
        {
            return (untypedValue, (IDictionary)Activator.CreateInstance(typeof(OrderedDictionary<,>).MakeGenericType(typeof(string), untypedValue))!);
        }

        var value = ValueType(requested);
        if (value is null)
        {
            return null;
        }

        var ordered = typeof(OrderedDictionary<,>).MakeGenericType(typeof(string), value);
        var plain = typeof(Dictionary<,>).MakeGenericType(typeof(string), value);
        var chosen = requested == plain ? plain : requested.IsAssignableFrom(ordered) ? ordered : null;
        return chosen is null ? null : (value, (IDictionary)Activator.CreateInstance(chosen)!);
    }

    /// <summary>
    /// What makes, for a partition, a function that loads it as the type <paramref name="function"/> returns: <c>Func&lt;T&gt;</c>
    /// or <c>Func&lt;CancellationToken, ValueTask&lt;T&gt;&gt;</c>; <see langword="null"/> for any other type.
    /// </summary>
    public static Func<Partition, Delegate>? LazyFactory(Type function)
    {
        if (!function.IsGenericType)
        {
            return null;
        }

        var definition = function.GetGenericTypeDefinition();
        var arguments = function.GetGenericArguments();
        if (definition == typeof(Func<>))
        {
            return LazyMethod.MakeGenericMethod(arguments[0]).CreateDelegate<Func<Partition, Delegate>>();
        }

        if (definition == typeof(Func<,>) && arguments[0] == typeof(CancellationToken)
            && arguments[1].IsGenericType && arguments[1].GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return LazyAsyncMethod.MakeGenericMethod(arguments[1].GetGenericArguments()[0])
                .CreateDelegate<Func<Partition, Delegate>>();
        }

        return null;
    }

    /// <summary>Loads a partition as <paramref name="type"/>: typed when its dataset supports it, else converted when that is safe.</summary>
    public static object? Load(PartitionSet set, Partition partition, Type type)
    {
        var dataset = set.Create(partition.FilePath);
        var value = dataset is ITypedLoadDataset typed ? typed.Load(type) : dataset.Load();
        return Cast(partition, value, type);
    }

    /// <summary>Loads a partition as <paramref name="type"/> without blocking a thread on I/O.</summary>
    public static async ValueTask<object?> LoadAsync(PartitionSet set, Partition partition, Type type, CancellationToken cancellationToken)
    {
        var dataset = set.Create(partition.FilePath);
        var value = dataset is ITypedLoadDataset typed
            ? await typed.LoadAsync(type, cancellationToken).ConfigureAwait(false)
            : await dataset.LoadAsync(cancellationToken).ConfigureAwait(false);
        return Cast(partition, value, type);
    }

    private static object? Cast(Partition partition, object? value, Type type)
    {
        if (value is null || type.IsInstanceOfType(value))
        {
            return value;
        }

        return ValueConverters.Find(value.GetType(), type) is { } converter
            ? converter.Convert(value, type)
            : throw PartitionErrors.PartitionNotOfType(partition.Id, value, type);
    }

    private static Delegate Lazy<T>(Partition partition) => new Func<T>(partition.Load<T>);

    private static Delegate LazyAsync<T>(Partition partition) => new Func<CancellationToken, ValueTask<T>>(partition.LoadAsync<T>);

    private static Type? ValueType(Type requested)
    {
        foreach (var candidate in requested.GetInterfaces().Prepend(requested))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                && candidate.GetGenericArguments()[0] is { IsGenericType: true } pair
                && pair.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) && pair.GetGenericArguments()[0] == typeof(string))
            {
                return pair.GetGenericArguments()[1];
            }
        }

        return null;
    }
}

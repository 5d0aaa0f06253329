using System.Collections.Immutable;

namespace Kedro.Conversion;

/// <summary>
/// The converters registered for this process (see <see cref="IValueConverter"/>). Dataset packages register theirs when
/// they are added to a <c>DatasetTypeRegistry</c> (Kedro.Datasets registers its table converter in
/// <c>AddKedroDatasets</c>); register a converter before the pipelines that need it are built, since a pipeline checks its
/// wiring when it is created.
/// </summary>
public static class ValueConverters
{
    private static ImmutableArray<IValueConverter> Converters = [];

    /// <summary>The registered converters, in registration order.</summary>
    public static IReadOnlyList<IValueConverter> Registered => Converters;

    /// <summary>Registers <paramref name="converter"/>; registering a second converter of the same type changes nothing.</summary>
    /// <param name="converter">The converter.</param>
    /// <exception cref="ArgumentNullException"><paramref name="converter"/> is <see langword="null"/>.</exception>
    public static void Register(IValueConverter converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        ImmutableInterlocked.Update(ref Converters, static (current, added) =>
            current.Any(existing => existing.GetType() == added.GetType()) ? current : current.Add(added), converter);
    }

    /// <summary>The first registered converter that converts <paramref name="from"/> into <paramref name="to"/>, if any.</summary>
    /// <param name="from">The value's type.</param>
    /// <param name="to">The type asked for.</param>
    /// <returns>The converter, or <see langword="null"/> when none is registered for the pair.</returns>
    public static IValueConverter? Find(Type from, Type to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        foreach (var converter in Converters)
        {
            if (converter.CanConvert(from, to))
            {
                return converter;
            }
        }

        return null;
    }
}

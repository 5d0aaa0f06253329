using Kedro.Conversion;
namespace Kedro.Pipelines.Internal;

/// <summary>
/// Whether a value a producer returns can reach a consumer's parameter: directly, or through the conversions the
/// runners apply when loading a node's inputs (a number into another numeric type, a sequence into an array or list
/// of the same items). Mirrors what loading accepts, so typed wiring never refuses a pipeline that would run.
/// </summary>
internal static class TypeFit
{
    private static readonly Type[] SequenceDefinitions =
    [
        typeof(List<>), typeof(IList<>), typeof(ICollection<>), typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>), typeof(IEnumerable<>),
    ];

    /// <summary>Whether a <paramref name="produced"/> value can be handed to a <paramref name="consumed"/> parameter.</summary>
    /// <param name="produced">The producer's declared output type.</param>
    /// <param name="consumed">The consumer's parameter type.</param>
    /// <returns><see langword="true"/> when the value fits or is converted on load.</returns>
    public static bool Fits(Type produced, Type consumed)
    {
        if (consumed.IsAssignableFrom(produced))
        {
            return true;
        }

        var from = Nullable.GetUnderlyingType(produced) ?? produced;
        var to = Nullable.GetUnderlyingType(consumed) ?? consumed;
        if (to.IsAssignableFrom(from) || (IsNumeric(from) && IsNumeric(to)))
        {
            return true;
        }

        return (SequenceElement(to) is { } wanted && ProducedElement(from) is { } given && wanted.IsAssignableFrom(given))
            || ValueConverters.Find(produced, consumed) is not null;
    }

    /// <summary>The element type of an array or list type a loaded sequence can be copied into.</summary>
    private static Type? SequenceElement(Type type)
    {
        if (type.IsArray)
        {
            return type.GetArrayRank() == 1 ? type.GetElementType() : null;
        }

        return type.IsGenericType && Array.IndexOf(SequenceDefinitions, type.GetGenericTypeDefinition()) >= 0
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The item type of a produced sequence (<see cref="IEnumerable{T}"/>), strings excepted.</summary>
    private static Type? ProducedElement(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }

        var sequence = Array.Find(type.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return sequence?.GetGenericArguments()[0];
    }

    private static bool IsNumeric(Type type) =>
        !type.IsEnum && Type.GetTypeCode(type) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32
            or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;
}

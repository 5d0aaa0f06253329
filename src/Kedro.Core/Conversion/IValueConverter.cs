namespace Kedro.Conversion;

/// <summary>
/// Converts a value into a type its consumer asks for, for types Kedro.Core does not know (for example tables between
/// <c>DataFrame</c>, Arrow and lists of records). Register one with <see cref="ValueConverters.Register"/>. A registered
/// converter is asked before the built-in conversions whenever a node's input, or a typed catalog load, is not already of the
/// requested type, and the typed wiring check of a pipeline asks it whether a producer's output fits a consumer's parameter.
/// </summary>
/// <remarks>
/// Give the converter a public parameterless constructor: worker processes (<c>ParallelRunner</c>) create their own
/// instance of every registered converter type. A converter must not lose information: when a value cannot be converted
/// exactly, <see cref="Convert"/> throws with a message that says which part of the value does not fit and why.
/// </remarks>
public interface IValueConverter
{
    /// <summary>Whether values of type <paramref name="from"/> can be converted into <paramref name="to"/>.</summary>
    /// <param name="from">The type of the value (a producer's declared output type, or a loaded value's type).</param>
    /// <param name="to">The type asked for.</param>
    /// <returns><see langword="true"/> when <see cref="Convert"/> handles the pair.</returns>
    bool CanConvert(Type from, Type to);

    /// <summary>Converts <paramref name="value"/> into <paramref name="to"/>.</summary>
    /// <param name="value">The value; its type is one <see cref="CanConvert"/> accepted.</param>
    /// <param name="to">The type asked for.</param>
    /// <returns>An instance of <paramref name="to"/>.</returns>
    /// <exception cref="InvalidDataException">This value cannot be converted without losing information; the message says why.</exception>
    object Convert(object value, Type to);
}

namespace Kedro.Conversion;

/// <summary>
/// How the core makes a value fit a requested type: registered converters first (<see cref="ValueConverters"/>), then the
/// built-in safe conversions (<see cref="LoadedValueConverter"/>).
/// </summary>
internal static class ValueConversion
{
    /// <summary>Converts <paramref name="value"/> to <paramref name="target"/> when it can.</summary>
    /// <param name="value">The value.</param>
    /// <param name="target">The requested type.</param>
    /// <param name="result">The converted value.</param>
    /// <param name="reason">Why an attempted conversion failed; <see langword="null"/> when none applied.</param>
    /// <returns><see langword="true"/> when <paramref name="result"/> fits <paramref name="target"/>.</returns>
    public static bool TryConvert(object? value, Type target, out object? result, out string? reason)
    {
        if (value is not null && !target.IsInstanceOfType(value) && ValueConverters.Find(value.GetType(), target) is { } converter)
        {
            try
            {
                result = converter.Convert(value, target);
                reason = null;
                return true;
            }
            catch (Exception e) when (e is InvalidDataException or InvalidCastException or FormatException or OverflowException or ArgumentException)
            {
                result = null;
                reason = e.Message;
                return false;
            }
        }

        return LoadedValueConverter.TryConvert(value, target, out result, out reason);
    }
}

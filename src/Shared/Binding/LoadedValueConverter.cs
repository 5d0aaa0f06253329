using System.Collections;
using System.Globalization;
using System.Numerics;

namespace Kedro.Shared.Binding;

/// <summary>
/// Makes a loaded value fit the type its consumer asked for, when that is safe: a value that already fits is kept;
/// a number becomes another numeric type when no information is lost (<see cref="IConvertible"/>, invariant culture);
/// a string or whole number becomes an enum member; a configuration tree (dictionaries, lists and scalars, as the
/// configuration loader and untyped JSON/YAML loads produce) becomes a record, class or collection through a
/// System.Text.Json round trip. Anything else is refused, never guessed.
/// </summary>
internal static class LoadedValueConverter
{
    /// <summary>Converts <paramref name="value"/> to <paramref name="target"/> when it safely can.</summary>
    /// <param name="value">The loaded value.</param>
    /// <param name="target">The requested type.</param>
    /// <param name="result">The value to hand over when the conversion succeeded.</param>
    /// <param name="reason">Why a conversion that was attempted failed; <see langword="null"/> when none applies.</param>
    /// <returns><see langword="true"/> when <paramref name="result"/> is an instance of <paramref name="target"/> (or a null it accepts).</returns>
    public static bool TryConvert(object? value, Type target, out object? result, out string? reason)
    {
        result = value;
        reason = null;
        if (target == typeof(object) || target.IsInstanceOfType(value))
        {
            return true;
        }

        var underlying = Nullable.GetUnderlyingType(target);
        if (value is null)
        {
            return !target.IsValueType || underlying is not null;
        }

        underlying ??= target;
        if (underlying.IsInstanceOfType(value))
        {
            return true;
        }

        if (underlying.IsEnum)
        {
            return TryConvertEnum(value, underlying, out result, out reason);
        }

        if ((value is BigInteger && IsNumeric(underlying)) || (underlying == typeof(BigInteger) && IsNumeric(value.GetType())))
        {
            return TryConvertBigInteger(value, underlying, out result, out reason);
        }

        if (IsNumeric(underlying) && IsNumeric(value.GetType()))
        {
            return TryConvertNumber(value, underlying, out result, out reason);
        }

        if (value is IEnumerable items && value is not string and not IDictionary && TryCopySequence(items, target, out result))
        {
            return true;
        }

        if (value is IDictionary || (value is IEnumerable && value is not string))
        {
            return ConfigTreeBinder.TryBind(value, target, out result, out reason);
        }

        result = null;
        return false;
    }

    /// <summary>A sequence whose items already are the wanted element type, copied into the wanted array or list.</summary>
    private static bool TryCopySequence(IEnumerable items, Type target, out object? result)
    {
        result = null;
        Type? element = null;
        var asArray = false;
        if (target.IsArray && target.GetArrayRank() == 1)
        {
            element = target.GetElementType();
            asArray = true;
        }
        else if (target.IsGenericType)
        {
            var definition = target.GetGenericTypeDefinition();
            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
                || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>))
            {
                element = target.GetGenericArguments()[0];
            }
        }

        if (element is null)
        {
            return false;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items)
        {
            if (item is null ? element.IsValueType && Nullable.GetUnderlyingType(element) is null : !element.IsInstanceOfType(item))
            {
                return false;
            }

            list.Add(item);
        }

        if (asArray)
        {
            var array = Array.CreateInstance(element, list.Count);
            list.CopyTo(array, 0);
            result = array;
        }
        else
        {
            result = list;
        }

        return true;
    }

    /// <summary>Whether <paramref name="type"/> is a built-in number type (not an enum).</summary>
    /// <param name="type">The type.</param>
    /// <returns><see langword="true"/> for a number type.</returns>
    public static bool IsNumeric(Type type) =>
        Type.GetTypeCode(type) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32
            or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal
        && !type.IsEnum;

    /// <summary>Whether <paramref name="type"/> is a built-in integer type.</summary>
    /// <param name="type">The type.</param>
    /// <returns><see langword="true"/> for an integer type.</returns>
    public static bool IsIntegral(Type type) =>
        Type.GetTypeCode(type) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32
            or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64;

    private static bool TryConvertNumber(object value, Type target, out object? result, out string? reason)
    {
        result = null;
        reason = null;
        if (IsIntegral(target) && !IsIntegral(value.GetType()))
        {
            var whole = value is decimal m ? decimal.Truncate(m) == m : IsWhole(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            if (!whole)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"{value} is not a whole number");
                return false;
            }
        }

        try
        {
            result = Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            return true;
        }
        catch (OverflowException e)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"{value} is out of range ({e.Message})");
            return false;
        }

        static bool IsWhole(double number) => double.IsFinite(number) && Math.Truncate(number) == number;
    }

    /// <summary>
    /// An integer beyond 64 bits (configuration keeps it exact) to a number type, or a number to
    /// <see cref="BigInteger"/>: floating-point targets take the nearest value, as Python's <c>float()</c> does;
    /// integer and decimal targets only a value in their range; a fraction never becomes a <see cref="BigInteger"/>.
    /// </summary>
    private static bool TryConvertBigInteger(object value, Type target, out object? result, out string? reason)
    {
        result = null;
        reason = null;
        if (value is BigInteger big)
        {
            if (target == typeof(double) || target == typeof(float))
            {
                // through the decimal text: a BigInteger cast truncates, parsing rounds to nearest as Python's float() does
                var nearest = double.Parse(big.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                return TryConvertNumber(nearest, target, out result, out reason);
            }

            if (big < (BigInteger)decimal.MinValue || big > (BigInteger)decimal.MaxValue)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"{big} is out of range for {target.Name}");
                return false;
            }

            return TryConvertNumber((decimal)big, target, out result, out reason);
        }

        var number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        if (decimal.Truncate(number) != number)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"{value} is not a whole number");
            return false;
        }

        result = new BigInteger(number);
        return true;
    }

    private static bool TryConvertEnum(object value, Type target, out object? result, out string? reason)
    {
        result = null;
        reason = null;
        if (value is string text)
        {
            if (Enum.TryParse(target, text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed)
                && Enum.IsDefined(target, parsed))
            {
                result = parsed;
                return true;
            }

            reason = $"'{text}' is not one of {string.Join(", ", Enum.GetNames(target).Select(name => $"'{name}'"))}";
            return false;
        }

        if (IsIntegral(value.GetType()))
        {
            var member = Enum.ToObject(target, value);
            if (Enum.IsDefined(target, member))
            {
                result = member;
                return true;
            }

            reason = string.Create(CultureInfo.InvariantCulture, $"{value} is not a defined value of the enum");
        }

        return false;
    }
}

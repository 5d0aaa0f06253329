using Kedro.Text;

namespace Kedro.IO.Internal;

/// <summary>The message of a node input that cannot be converted to its parameter's type.</summary>
internal static class TypedLoadMessages
{
    public static string NodeInputNotConvertible(string nodeName, string dataset, object? value, Type parameterType, string? reason)
    {
        var loaded = value is null ? "'null'" : $"a value of type '{TypeNames.OfValue(value)}'";
        var why = reason is null ? string.Empty : $" ({reason.TrimEnd('.')})";
        var parameter = TypeNames.Of(parameterType);
        return $"Node '{nodeName}' cannot take dataset '{dataset}' as its parameter of type '{parameter}': the dataset loaded "
            + $"{loaded}, which cannot be converted to '{parameter}'{why}. Declare the parameter as "
            + (value is null ? $"a nullable type" : $"'{TypeNames.OfValue(value)}' or 'object'")
            + $", or configure the dataset to load a '{parameter}'.";
    }
}

namespace Kedro.IO.Internal;

/// <summary>The messages of typed loading (catalog and node inputs), built in one place.</summary>
internal static class TypedLoadMessages
{
    public static string NotConvertible(string name, object? value, Type requested, string reason) =>
        $"Dataset '{name}' loaded a value of type '{ValueTypeName(value)}', which is not a '{CatalogMessages.TypeName(requested)}' "
        + $"and cannot be converted to one: {reason.TrimEnd('.')}.";

    public static string NodeInputNotConvertible(string nodeName, string dataset, object? value, Type parameterType, string? reason)
    {
        var loaded = value is null ? "'null'" : $"a value of type '{ValueTypeName(value)}'";
        var why = reason is null ? string.Empty : $" ({reason.TrimEnd('.')})";
        var parameter = CatalogMessages.TypeName(parameterType);
        return $"Node '{nodeName}' cannot take dataset '{dataset}' as its parameter of type '{parameter}': the dataset loaded "
            + $"{loaded}, which cannot be converted to '{parameter}'{why}. Declare the parameter as "
            + (value is null ? $"a nullable type" : $"'{ValueTypeName(value)}' or 'object'")
            + $", or configure the dataset to load a '{parameter}'.";
    }

    private static string ValueTypeName(object? value) => value is null ? "null" : CatalogMessages.TypeName(value.GetType());
}

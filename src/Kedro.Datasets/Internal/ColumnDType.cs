namespace Kedro.Datasets.Internal;

/// <summary>A column type declared with pandas' <c>dtype</c> names.</summary>
/// <param name="Name">The name as written (for messages).</param>
/// <param name="Kind">The .NET type of the column.</param>
/// <param name="AllowsMissing">Whether missing values are allowed (<c>Int64</c>, <c>boolean</c>, floats, strings, dates), as in pandas.</param>
internal sealed record ColumnDType(string Name, ColumnKind Kind, bool AllowsMissing)
{
    /// <summary>The names accepted, for messages.</summary>
    public const string Supported =
        "'int', 'int64', 'Int64', 'float', 'float64', 'str', 'string', 'object', 'category', 'bool', 'boolean' or 'datetime64[ns]'";

    /// <summary>The type for a pandas dtype name, or <see langword="null"/> when it is not one Kedro.NET reads.</summary>
    public static ColumnDType? Parse(string name) => name switch
    {
        "int" or "int64" or "int_" => new(name, ColumnKind.Int64, false),
        "Int64" => new(name, ColumnKind.Int64, true),
        "float" or "float64" or "Float64" => new(name, ColumnKind.Float64, true),
        "str" or "string" or "object" or "category" => new(name, ColumnKind.String, true),
        "bool" => new(name, ColumnKind.Bool, false),
        "boolean" => new(name, ColumnKind.Bool, true),
        "datetime64[ns]" or "datetime64" or "datetime" => new(name, ColumnKind.DateTime, true),
        _ => null,
    };
}

using System.Globalization;

namespace Kedro.Datasets.Internal;

/// <summary>The .NET type of a column read from a text file, as pandas' dtypes.</summary>
internal enum ColumnKind
{
    /// <summary><c>int64</c>: <see cref="long"/>.</summary>
    Int64,

    /// <summary><c>uint64</c>: <see cref="ulong"/>, for whole numbers above <see cref="long.MaxValue"/>.</summary>
    UInt64,

    /// <summary><c>float64</c>: <see cref="double"/>.</summary>
    Float64,

    /// <summary><c>bool</c>: <see cref="bool"/>.</summary>
    Bool,

    /// <summary><c>object</c>/<c>string</c>: <see cref="string"/>.</summary>
    String,

    /// <summary><c>datetime64[ns]</c>: <see cref="System.DateTime"/>.</summary>
    DateTime,
}

/// <summary>
/// One column with typed values: an array of <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="string"/> or <see cref="DateTime"/>, and which rows are missing (<see langword="null"/> when none is). A text
/// column read from a file may keep its <see cref="TextColumn"/> instead of an array of strings, so building Arrow or
/// DataFrame columns does not create a string per cell twice.
/// </summary>
/// <param name="Name">The column's name.</param>
/// <param name="Kind">The values' type.</param>
/// <param name="Values">The values (a missing row holds the type's default), or <see langword="null"/> when <paramref name="Text"/> holds them.</param>
/// <param name="Missing">Which rows are missing, or <see langword="null"/> when none is.</param>
/// <param name="Text">The raw text of a <see cref="ColumnKind.String"/> column, when <paramref name="Values"/> is <see langword="null"/>.</param>
internal sealed record TypedColumn(string Name, ColumnKind Kind, Array? Values, bool[]? Missing, TextColumn? Text = null)
{
    /// <summary>The .NET type of <see cref="Kind"/>.</summary>
    public Type ClrType => TypeOf(Kind);

    /// <summary>The number of rows.</summary>
    public int Count => Values?.Length ?? Text!.Count;

    /// <summary>The .NET type of a kind.</summary>
    public static Type TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Int64 => typeof(long),
        ColumnKind.UInt64 => typeof(ulong),
        ColumnKind.Float64 => typeof(double),
        ColumnKind.Bool => typeof(bool),
        ColumnKind.DateTime => typeof(DateTime),
        _ => typeof(string),
    };

    /// <summary>The boxed value of a row, or <see langword="null"/> when missing.</summary>
    public object? Get(int row) => Missing is not null && Missing[row] ? null : Values is null ? Text!.StringAt(row) : Values.GetValue(row);

    /// <summary>Row <paramref name="row"/> of a <see cref="ColumnKind.String"/> column.</summary>
    public string? StringAt(int row) => Missing is not null && Missing[row] ? null : Values is null ? Text!.StringAt(row) : ((string?[])Values)[row];

    /// <summary>pandas' name of a kind, for messages.</summary>
    public static string PandasName(ColumnKind kind) => kind switch
    {
        ColumnKind.Int64 => "int64",
        ColumnKind.UInt64 => "uint64",
        ColumnKind.Float64 => "float64",
        ColumnKind.Bool => "bool",
        ColumnKind.DateTime => "datetime64[ns]",
        _ => "string",
    };

    /// <summary>A string for messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({PandasName(Kind)}, {Count} rows)");
}

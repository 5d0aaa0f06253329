using System.Data;
using System.Globalization;

namespace Kedro.Datasets.Internal;

/// <summary>Builds tables from <see cref="TypedColumn"/>s, column by column.</summary>
internal static class TypedColumns
{
    /// <summary>A <see cref="DataTable"/> with one column per typed column; missing values are <see cref="DBNull"/>.</summary>
    public static DataTable ToDataTable(TypedColumn[] columns)
    {
        var result = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var column in columns)
        {
            result.Columns.Add(column.Name, column.ClrType);
        }

        var rowCount = columns.Length == 0 ? 0 : columns[0].Count;
        result.BeginLoadData();
        var values = new object[columns.Length];
        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = columns[c].Get(r) ?? DBNull.Value;
            }

            result.Rows.Add(values);
        }

        result.EndLoadData();
        return result;
    }

    /// <summary>The cells of typed columns as a <see cref="Table"/> (boxed values, <see langword="null"/> when missing), for record binding.</summary>
    public static Table ToTable(TypedColumn[] columns)
    {
        var rowCount = columns.Length == 0 ? 0 : columns[0].Count;
        var rows = new List<object?[]>(rowCount);
        for (var r = 0; r < rowCount; r++)
        {
            var row = new object?[columns.Length];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = columns[c].Get(r);
            }

            rows.Add(row);
        }

        return new Table([.. columns.Select(c => c.Name)], rows);
    }
}

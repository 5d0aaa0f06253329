using System.Collections;
using System.Data;
using System.Globalization;
using Kedro.Datasets.Tables;

namespace Kedro.Datasets.Internal;

/// <summary>Turns a <see cref="Table"/> into what a node asked for, and saved data into a <see cref="Table"/>.</summary>
internal static class Tables
{
    /// <summary>Builds <paramref name="shape"/> from <paramref name="table"/>.</summary>
    /// <exception cref="InvalidDataException">A row does not fit the record type.</exception>
    /// <param name="table">The cells.</param>
    /// <param name="shape">What to build.</param>
    /// <param name="firstRowNumber">The row number of the first data row in the file, for messages.</param>
    public static object Build(Table table, TableShape shape, int firstRowNumber)
    {
        if (shape.Kind == TableShapeKind.DataTable)
        {
            return ToDataTable(table);
        }

        if (shape.Kind is TableShapeKind.DataFrame or TableShapeKind.RecordBatch or TableShapeKind.ArrowTable)
        {
            return ArrowTables.FromBatch(DataTableColumns.ToBatch(ToDataTable(table)), shape);
        }

        var element = shape.ElementType!;
        var listType = typeof(List<>).MakeGenericType(element);
        IList list;
        if (table.Rows.Count == 0)
        {
            list = (IList)Activator.CreateInstance(listType)!;
        }
        else if (RecordBinder.IsRowDictionary(element))
        {
            list = RecordBinder.BindDictionaries(table, typeof(List<Dictionary<string, object?>>));
            if (element != typeof(Dictionary<string, object>))
            {
                var typed = (IList)Activator.CreateInstance(listType, list.Count)!;
                foreach (var item in list)
                {
                    typed.Add(item);
                }

                list = typed;
            }
        }
        else
        {
            var binder = RecordBinder.Create(element, table.Columns);
            list = (IList)Activator.CreateInstance(listType, table.Rows.Count)!;
            for (var r = 0; r < table.Rows.Count; r++)
            {
                list.Add(binder.Bind(table.Rows[r], r + firstRowNumber));
            }
        }

        if (shape.Kind != TableShapeKind.Array)
        {
            return list;
        }

        var array = Array.CreateInstance(element, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    /// <summary>A <see cref="DataTable"/> whose column types are inferred as pandas would; missing values are <see cref="DBNull"/>.</summary>
    public static DataTable ToDataTable(Table table)
    {
        var result = new DataTable { Locale = CultureInfo.InvariantCulture };
        var types = new Type[table.Columns.Length];
        for (var c = 0; c < table.Columns.Length; c++)
        {
            types[c] = Cells.InferColumnType(table.Rows, c);
            var name = table.Columns[c];
            var unique = name;
            for (var n = 1; result.Columns.Contains(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{name}.{n}"); // pandas' mangle_dupe_cols
            }

            result.Columns.Add(unique, types[c]);
        }

        result.BeginLoadData();
        var values = new object[table.Columns.Length];
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = row[c] is { } raw && Cells.TryConvert(raw, types[c], out var typed, out _) && typed is not null ? typed : DBNull.Value;
            }

            result.Rows.Add(values);
        }

        result.EndLoadData();
        return result;
    }

    /// <summary>The table of saved data: a <see cref="DataTable"/>, or a sequence of records or dictionaries.</summary>
    /// <returns><see langword="null"/> when the data has none of those shapes.</returns>
    public static Table? FromData(object data)
    {
        switch (data)
        {
            case DataTable dataTable:
                var columns = dataTable.Columns.Cast<DataColumn>().Select(c => c.ColumnName).ToArray();
                var rows = new List<object?[]>(dataTable.Rows.Count);
                foreach (DataRow row in dataTable.Rows)
                {
                    if (row.RowState == DataRowState.Deleted)
                    {
                        continue;
                    }

                    rows.Add(row.ItemArray.Select(value => value is DBNull ? null : value).ToArray());
                }

                return new Table(columns, rows);
            case Microsoft.Data.Analysis.DataFrame or Apache.Arrow.RecordBatch or Apache.Arrow.Table:
                return ArrowTables.ToCells(ArrowTables.ToBatch(data));
            case string or IDictionary:
                return null;
            case IEnumerable items:
                return RecordBinder.ToTable(items);
            default:
                return null;
        }
    }
}

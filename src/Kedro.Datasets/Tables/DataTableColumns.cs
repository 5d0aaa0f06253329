using System.Data;
using System.Globalization;
using Apache.Arrow;

namespace Kedro.Datasets.Tables;

/// <summary>
/// <see cref="DataTable"/> to and from Arrow. A column's <see cref="DataColumn.DataType"/> is its values' natural .NET type
/// (see <see cref="ArrowColumns"/>); missing values are <see cref="DBNull"/>. A column typed <see cref="object"/> takes
/// its values' common type.
/// </summary>
internal static class DataTableColumns
{
    public static RecordBatch ToBatch(DataTable table)
    {
        var rows = new List<DataRow>(table.Rows.Count);
        foreach (DataRow row in table.Rows)
        {
            if (row.RowState != DataRowState.Deleted)
            {
                rows.Add(row);
            }
        }

        var names = new List<string>(table.Columns.Count);
        var arrays = new List<IArrowArray>(table.Columns.Count);
        foreach (DataColumn column in table.Columns)
        {
            var name = column.ColumnName;
            var ordinal = column.Ordinal;
            object? Get(int r) => rows[r][ordinal];
            var type = column.DataType == typeof(object) ? ArrowTables.ColumnType(name, rows.Count, Get) : column.DataType;
            if (type != typeof(object) && !ArrowColumns.HasColumnForm(type))
            {
                throw TableErrors.NoArrowForm(name, type);
            }

            names.Add(name);
            arrays.Add(ArrowColumns.BuildBoxed(name, type, rows.Count, r => ArrowTables.Widen(name, r, Get(r), type)));
        }

        return ArrowTables.Batch(names, arrays, rows.Count);
    }

    public static DataTable FromBatch(RecordBatch batch)
    {
        var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        var columns = ArrowTables.ColumnNames(batch);
        var readers = new Func<int, object?>[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var array = batch.Column(c);
            var type = ArrowColumns.NaturalType(array.Data.DataType) ?? throw TableErrors.NoColumnForm(columns[c], array.Data.DataType);
            table.Columns.Add(columns[c], type).AllowDBNull = true;
            readers[c] = ArrowColumns.Reader(array, columns[c]);
        }

        table.BeginLoadData();
        var values = new object[columns.Length];
        for (var r = 0; r < batch.Length; r++)
        {
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = readers[c](r) ?? DBNull.Value;
            }

            table.Rows.Add(values);
        }

        table.EndLoadData();
        return table;
    }
}

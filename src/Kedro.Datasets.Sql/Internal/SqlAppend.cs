using Apache.Arrow;
using Apache.Arrow.Types;

namespace Kedro.Datasets.Sql.Internal;

/// <summary>
/// Fits the data of an append to the existing table's column types: a column the table keeps in a wider type (an int32
/// column into a BIGINT one) is widened; one the table would not keep exactly (text into an INTEGER column, int64 into
/// INTEGER, a decimal with more places) is refused naming it, before anything is inserted.
/// </summary>
internal static class SqlAppend
{
    public static RecordBatch Fit(RecordBatch batch, SqlColumnKind[] kinds, IReadOnlyList<SqlResultColumn> table, string engine, string tableName)
    {
        var arrays = new List<IArrowArray>(batch.ColumnCount);
        var fields = new List<Field>(batch.ColumnCount);
        var changed = false;
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            var field = batch.Schema.GetFieldByIndex(c);
            var target = table.FirstOrDefault(t => string.Equals(t.Name, field.Name, StringComparison.Ordinal));
            var array = batch.Column(c);
            if (target?.Kind is { } kind && kind != kinds[c])
            {
                if (!Widens(kinds[c], kind))
                {
                    throw Mismatch(engine, tableName, field.Name, kinds[c], target.TypeName);
                }

                var values = SqlColumns.Values(array, field.Name);
                var list = new List<object?>(batch.Length);
                for (var row = 0; row < batch.Length; row++)
                {
                    list.Add(values(row));
                }

                array = SqlColumnReader.Build(kind, target, list, $"the data for {engine} table '{tableName}'");
                field = new Field(field.Name, array.Data.DataType, nullable: true);
                changed = true;
            }
            else if (target?.Kind == SqlColumnKind.Decimal && target.Scale is { } scale && field.DataType is Decimal128Type { Scale: var given } && given > scale)
            {
                throw Mismatch(engine, tableName, field.Name, kinds[c], target.TypeName + $" with {scale} decimal places (the data has {given})");
            }

            arrays.Add(array);
            fields.Add(field);
        }

        return changed ? new RecordBatch(new Schema(fields, null), arrays, batch.Length) : batch;
    }

    private static SqlDatasetFailure Mismatch(string engine, string table, string column, SqlColumnKind kind, string typeName) =>
        new($"Cannot append to {engine} table '{table}': column '{column}' holds {kind} values, which its {typeName} column would not keep "
            + "exactly. Nothing was appended; convert the column first, or use if_exists 'replace' to rewrite the table.");

    private static bool Widens(SqlColumnKind from, SqlColumnKind to)
    {
        if (from == SqlColumnKind.Float && to == SqlColumnKind.Double)
        {
            return true;
        }

        var (fromSigned, fromBits) = Integer(from);
        var (toSigned, toBits) = Integer(to);
        if (fromBits == 0 || toBits == 0)
        {
            return false;
        }

        return fromSigned ? toSigned && toBits >= fromBits : toSigned ? toBits > fromBits : toBits >= fromBits;
    }

    private static (bool Signed, int Bits) Integer(SqlColumnKind kind) => kind switch
    {
        SqlColumnKind.Int8 => (true, 8),
        SqlColumnKind.Int16 => (true, 16),
        SqlColumnKind.Int32 => (true, 32),
        SqlColumnKind.Int64 => (true, 64),
        SqlColumnKind.UInt8 => (false, 8),
        SqlColumnKind.UInt16 => (false, 16),
        SqlColumnKind.UInt32 => (false, 32),
        SqlColumnKind.UInt64 => (false, 64),
        _ => (false, 0),
    };
}

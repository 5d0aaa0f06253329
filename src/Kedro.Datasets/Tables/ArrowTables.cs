using System.Collections;
using System.Data;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Memory;
using Kedro.Datasets.Internal;
using Microsoft.Data.Analysis;
using ArrowTable = Apache.Arrow.Table;

namespace Kedro.Datasets.Tables;

/// <summary>
/// The table conversion hub: every table kind converts to an Arrow <see cref="RecordBatch"/> (<see cref="ToBatch"/>) and
/// from one (<see cref="FromBatch"/>), so any kind converts into any other through Arrow's columns.
/// </summary>
internal static class ArrowTables
{
    /// <summary>The columns of <paramref name="data"/> as one record batch.</summary>
    /// <exception cref="InvalidDataException">The data is not a table, or a column or value has no Arrow form.</exception>
    public static RecordBatch ToBatch(object data) => data switch
    {
        RecordBatch batch => batch,
        ArrowTable table => FromArrowTable(table),
        DataFrame frame => FrameColumns.ToBatch(frame),
        DataTable table => DataTableColumns.ToBatch(table),
        string or IDictionary => throw TableErrors.NotATable(data),
        IEnumerable items => RecordColumns.FromRecords(items),
        _ => throw TableErrors.NotATable(data),
    };

    /// <summary>Builds the table kind <paramref name="shape"/> from <paramref name="batch"/>.</summary>
    /// <exception cref="InvalidDataException">A column or value does not fit the requested kind.</exception>
    public static object FromBatch(RecordBatch batch, TableShape shape)
    {
        switch (shape.Kind)
        {
            case TableShapeKind.RecordBatch:
                return batch;
            case TableShapeKind.ArrowTable:
                return ArrowTable.TableFromRecordBatches(batch.Schema, [batch]);
            case TableShapeKind.DataFrame:
                return FrameColumns.FromBatch(batch);
            case TableShapeKind.DataTable:
                return DataTableColumns.FromBatch(batch);
            default:
                var list = RecordColumns.ToRecords(batch, shape.ElementType!);
                if (shape.Kind != TableShapeKind.Array)
                {
                    return list;
                }

                var array = System.Array.CreateInstance(shape.ElementType!, list.Count);
                list.CopyTo(array, 0);
                return array;
        }
    }

    /// <summary>A sheet of cells (for CSV and Excel saves): each value of its column's natural .NET type.</summary>
    public static Internal.Table ToCells(RecordBatch batch)
    {
        var columns = ColumnNames(batch);
        var readers = new Func<int, object?>[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            readers[c] = ArrowColumns.Reader(batch.Column(c), columns[c]);
        }

        var rows = new List<object?[]>(batch.Length);
        for (var r = 0; r < batch.Length; r++)
        {
            var row = new object?[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                row[c] = readers[c](r);
            }

            rows.Add(row);
        }

        return new Internal.Table(columns, rows);
    }

    /// <summary>One batch of every chunk of <paramref name="table"/>'s columns.</summary>
    public static RecordBatch FromArrowTable(ArrowTable table)
    {
        if (table.RowCount > int.MaxValue)
        {
            throw TableErrors.TooManyRows(table.RowCount);
        }

        var arrays = new List<IArrowArray>(table.ColumnCount);
        var fields = new List<Field>(table.ColumnCount);
        for (var c = 0; c < table.ColumnCount; c++)
        {
            var field = table.Schema.GetFieldByIndex(c);
            var array = Concatenate(table.Column(c).Data, field.Name);
            arrays.Add(array);
            fields.Add(array.Data.DataType == field.DataType
                ? field
                : new Field(field.Name, array.Data.DataType, field.IsNullable, field.Metadata));
        }

        return new RecordBatch(new Schema(fields, table.Schema.Metadata), arrays, (int)table.RowCount);
    }

    /// <summary>
    /// One array of every chunk of column <paramref name="column"/> (Arrow's chunked arrays have at least one chunk). Each
    /// chunk of a dictionary-encoded column has its own dictionary, so such a column is decoded to its values' type.
    /// </summary>
    /// <exception cref="InvalidDataException">The chunks cannot be joined (the message names the column).</exception>
    public static IArrowArray Concatenate(ChunkedArray chunks, string column)
    {
        if (chunks.ArrayCount == 1)
        {
            return chunks.ArrowArray(0);
        }

        var parts = new List<IArrowArray>(chunks.ArrayCount);
        for (var i = 0; i < chunks.ArrayCount; i++)
        {
            parts.Add(chunks.ArrowArray(i));
        }

        if (chunks.DataType is Apache.Arrow.Types.DictionaryType dictionary)
        {
            return Decode(parts, column, dictionary);
        }

        try
        {
            return ArrowArrayConcatenator.Concatenate(parts, MemoryAllocator.Default.Value);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            throw TableErrors.ChunksDoNotJoin(column, chunks.DataType, e);
        }
    }

    // The values of every chunk of a dictionary column in one array of the dictionary's value type.
    private static IArrowArray Decode(List<IArrowArray> parts, string column, Apache.Arrow.Types.DictionaryType dictionary)
    {
        var natural = ArrowColumns.NaturalType(dictionary.ValueType) ?? throw TableErrors.NoColumnForm(column, dictionary);
        var readers = parts.Select(part => ArrowColumns.Reader(part, column)).ToArray();
        var starts = new int[parts.Count + 1];
        for (var i = 0; i < parts.Count; i++)
        {
            starts[i + 1] = checked(starts[i] + parts[i].Length);
        }

        var chunk = 0;
        return ArrowColumns.BuildBoxed(column, natural, starts[^1], row =>
        {
            // Rows are read in order, so the chunk only moves forward (and back to the start for a second pass).
            if (row < starts[chunk])
            {
                chunk = 0;
            }

            while (row >= starts[chunk + 1])
            {
                chunk++;
            }

            return readers[chunk](row - starts[chunk]);
        });
    }

    /// <summary>An array of <paramref name="type"/> without values, for a column of a file that holds no rows.</summary>
    /// <exception cref="InvalidDataException">The type has no column form.</exception>
    public static IArrowArray EmptyArray(string column, Apache.Arrow.Types.IArrowType type)
    {
        var natural = ArrowColumns.NaturalType(type);
        if (type is Apache.Arrow.Types.DictionaryType || natural is null)
        {
            throw TableErrors.NoColumnForm(column, type);
        }

        ArrowBuffer[] buffers = type switch
        {
            Apache.Arrow.Types.StringType => [ArrowBuffer.Empty, new ArrowBuffer.Builder<int>().Append(0).Build(), ArrowBuffer.Empty],
            Apache.Arrow.Types.LargeStringType => [ArrowBuffer.Empty, new ArrowBuffer.Builder<long>().Append(0).Build(), ArrowBuffer.Empty],
            Apache.Arrow.Types.NullType => [],
            Apache.Arrow.Types.StringViewType => [ArrowBuffer.Empty, ArrowBuffer.Empty],
            _ => [ArrowBuffer.Empty, ArrowBuffer.Empty],
        };
        return ArrowArrayFactory.BuildArray(new ArrayData(type, 0, 0, 0, buffers));
    }

    /// <summary>A batch of <paramref name="arrays"/> named <paramref name="names"/>, all columns nullable.</summary>
    /// <exception cref="InvalidDataException">Two columns have the same name.</exception>
    public static RecordBatch Batch(IReadOnlyList<string> names, IReadOnlyList<IArrowArray> arrays, int length)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var schema = new Schema.Builder();
        for (var c = 0; c < names.Count; c++)
        {
            if (!seen.Add(names[c]))
            {
                throw TableErrors.DuplicateColumn(names[c]);
            }

            var column = c;
            schema.Field(field => field.Name(names[column]).DataType(arrays[column].Data.DataType).Nullable(true));
        }

        return new RecordBatch(schema.Build(), arrays, length);
    }

    /// <summary>A batch with no columns and <paramref name="rows"/> rows.</summary>
    public static RecordBatch Empty(int rows) => new(new Schema.Builder().Build(), [], rows);

    /// <summary>The column names of <paramref name="batch"/>, in order.</summary>
    public static string[] ColumnNames(RecordBatch batch) => [.. batch.Schema.FieldsList.Select(field => field.Name)];

    /// <summary>
    /// The .NET type of a column of boxed values: the values' common type; integers of different types widen to
    /// <see cref="long"/>, integers with floats to <see cref="double"/>; all missing reads as <see cref="object"/> (a null column).
    /// </summary>
    /// <exception cref="InvalidDataException">The values mix other types, or a value has no column form.</exception>
    public static Type ColumnType(string column, int count, Func<int, object?> get)
    {
        Type? common = null;
        for (var r = 0; r < count; r++)
        {
            if (get(r) is not { } value || value is DBNull)
            {
                continue;
            }

            var type = value.GetType();
            if (!ArrowColumns.HasColumnForm(type))
            {
                throw TableErrors.NoArrowForm(column, type);
            }

            if (common is null || common == type)
            {
                common = type;
                continue;
            }

            if (ArrowColumns.IsNumber(common) && ArrowColumns.IsNumber(type))
            {
                common = IsFloat(common) || IsFloat(type) ? typeof(double) : typeof(long);
                continue;
            }

            throw TableErrors.MixedValue(column, r, value, common);
        }

        return common ?? typeof(object);
    }

    /// <summary>A value widened to its column's type (<see cref="ColumnType"/>).</summary>
    /// <exception cref="InvalidDataException">The value does not fit the column's type exactly.</exception>
    public static object? Widen(string column, int row, object? value, Type type)
    {
        if (value is null or DBNull || value.GetType() == type || !ArrowColumns.IsNumber(type))
        {
            return value;
        }

        try
        {
            var widened = Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
            if (value.Equals(Convert.ChangeType(widened, value.GetType(), CultureInfo.InvariantCulture)))
            {
                return widened;
            }
        }
        catch (OverflowException)
        {
            // Refused below.
        }

        throw TableErrors.MixedValue(column, row, value, type);
    }

    private static bool IsFloat(Type type) => type == typeof(double) || type == typeof(float);
}

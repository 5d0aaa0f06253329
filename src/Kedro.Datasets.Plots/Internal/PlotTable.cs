using System.Data;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kedro.Datasets.Tables;

namespace Kedro.Datasets.Plots.Internal;

/// <summary>
/// A table a node returned, read column by column into the JSON values a Plotly trace holds. A <see cref="DataTable"/> is read
/// as it is; any other table kind (DataFrame, Arrow RecordBatch or Table, records, dictionaries) goes through Kedro.Datasets'
/// <see cref="TableConverter"/> first.
/// </summary>
internal sealed class PlotTable
{
    private readonly Dictionary<string, DataColumn> _columns;
    private readonly DataTable _table;

    private PlotTable(DataTable table)
    {
        _table = table;
        _columns = new Dictionary<string, DataColumn>(StringComparer.Ordinal);
        foreach (DataColumn column in table.Columns)
        {
            _columns[column.ColumnName] = column;
        }
    }

    public IReadOnlyList<string> ColumnNames => [.. _table.Columns.Cast<DataColumn>().Select(static c => c.ColumnName)];

    public int RowCount => _table.Rows.Count;

    public static PlotTable Of(object data, string typeName)
    {
        if (data is DataTable table)
        {
            return new PlotTable(table);
        }

        var converter = new TableConverter();
        return converter.CanConvert(data.GetType(), typeof(DataTable))
            ? new PlotTable((DataTable)converter.Convert(data, typeof(DataTable)))
            : throw PlotErrors.NotATable(typeName, data);
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Whether every non-null cell of the column is a number (Plotly Express then treats it as continuous).</summary>
    public bool IsNumeric(string column)
    {
        var type = Nullable.GetUnderlyingType(_columns[column].DataType) ?? _columns[column].DataType;
        return type != typeof(bool) && type != typeof(char) && (type.IsPrimitive || type == typeof(decimal));
    }

    /// <summary>The column's cells as JSON values, in row order (null for a missing value).</summary>
    public List<JsonNode?> Values(string column, IReadOnlyList<int>? rows = null)
    {
        var source = _columns[column];
        var count = rows?.Count ?? _table.Rows.Count;
        var values = new List<JsonNode?>(count);
        for (var i = 0; i < count; i++)
        {
            var row = rows is null ? i : rows[i];
            values.Add(ToJson(_table.Rows[row][source], column, row));
        }

        return values;
    }

    /// <summary>The rows of each distinct value of the column, in order of first appearance (Plotly Express's grouping).</summary>
    public List<(JsonNode? Key, string Label, List<int> Rows)> GroupBy(string column)
    {
        var groups = new List<(JsonNode? Key, string Label, List<int> Rows)>();
        var index = new Dictionary<(string? Kind, string Text), int>();
        var source = _columns[column];
        for (var row = 0; row < _table.Rows.Count; row++)
        {
            var cell = _table.Rows[row][source];
            var key = ToJson(cell, column, row);
            var label = Label(key);
            if (!index.TryGetValue(GroupKey(cell, key, label), out var at))
            {
                at = groups.Count;
                index[GroupKey(cell, key, label)] = at;
                groups.Add((key, label, []));
            }

            groups[at].Rows.Add(row);
        }

        return groups;
    }

    /// <summary>What tells groups apart: the kind of value as well as its text, so a missing value and the text "None", or the
    /// number 1 and the text "1", stay separate groups (equal numbers of different .NET types, such as 1 and 1.0, are one group).</summary>
    private static (string? Kind, string Text) GroupKey(object? cell, JsonNode? key, string label) => key switch
    {
        null => (null, string.Empty),
        _ when cell is string or char => ("text", label),
        _ when key.GetValueKind() == JsonValueKind.Number => ("number", label),
        _ => (cell!.GetType().FullName, label),
    };

    public static string Label(JsonNode? value) => value switch
    {
        null => "None",
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };

    private static JsonValue? ToJson(object? cell, string column, int row) => cell switch
    {
        null or DBNull => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        double number => double.IsFinite(number) ? JsonValue.Create(number) : null,
        float number => float.IsFinite(number) ? JsonValue.Create(number) : null,
        decimal number => JsonValue.Create(number),
        sbyte or byte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(cell, CultureInfo.InvariantCulture)),
        ulong number => JsonValue.Create(number),
        char letter => JsonValue.Create(letter.ToString()),
        DateTime time => JsonValue.Create(time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset time => JsonValue.Create(time.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly time => JsonValue.Create(time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        TimeSpan span => JsonValue.Create(span.ToString("c", CultureInfo.InvariantCulture)),
        Guid id => JsonValue.Create(id.ToString()),
        _ => throw PlotErrors.CellNotPlottable(column, row, cell),
    };
}

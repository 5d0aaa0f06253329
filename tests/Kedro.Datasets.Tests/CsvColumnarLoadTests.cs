using Apache.Arrow;
using Microsoft.Data.Analysis;

namespace Kedro.Datasets.Tests;

/// <summary>CSV and JSON tables load as DataFrame, RecordBatch and Arrow Table straight from typed columns.</summary>
public sealed class CsvColumnarLoadTests : IDisposable
{
    private const string Mixed =
        "id,price,paid,name,day\n"
        + "1,10.5,True,KL,2024-01-31\n"
        + "2,,False,,2024-02-01\n"
        + "3,7,True,\"a, b\",2024-02-02\n";

    private readonly TempFolder _dir = new("kedro-csv-columnar-tests");

    public void Dispose() => _dir.Dispose();

    private CsvDataset Dataset(Dictionary<string, object?>? loadArgs = null)
    {
        var path = _dir.PathOf("mixed.csv");
        File.WriteAllText(path, Mixed);
        return new CsvDataset(path, loadArgs: loadArgs ?? new Dictionary<string, object?> { ["parse_dates"] = new List<object?> { "day" } });
    }

    [Fact]
    public void Load_AsDataFrame_TypesColumnsAndKeepsMissingValues()
    {
        var frame = Assert.IsType<DataFrame>(Dataset().Load(typeof(DataFrame)));

        Assert.Equal(3, frame.Rows.Count);
        Assert.IsType<Int64DataFrameColumn>(frame.Columns["id"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["price"]);
        Assert.Equal(typeof(bool), frame.Columns["paid"].DataType);
        Assert.IsType<StringDataFrameColumn>(frame.Columns["name"]);
        Assert.Equal(["id", "price", "paid", "name", "day"], frame.Columns.Select(c => c.Name));
        Assert.Equal(3L, frame.Columns["id"][2]);
        Assert.Null(frame.Columns["price"][1]);
        Assert.Equal(7.0, frame.Columns["price"][2]);
        Assert.Equal(false, frame.Columns["paid"][1]);
        Assert.Equal(true, frame.Columns["paid"][2]);
        Assert.Null(frame.Columns["name"][1]);
        Assert.Equal("a, b", frame.Columns["name"][2]);
        Assert.Equal(new DateTime(2024, 2, 1), frame.Columns["day"][1]);
    }

    [Fact]
    public void Load_AsRecordBatch_BuildsArrowArrays()
    {
        var batch = Assert.IsType<RecordBatch>(Dataset().Load(typeof(RecordBatch)));

        Assert.Equal(3, batch.Length);
        var ids = Assert.IsType<Int64Array>(batch.Column("id"));
        Assert.Equal([1L, 2L, 3L], ids.Values.ToArray());
        var prices = Assert.IsType<DoubleArray>(batch.Column("price"));
        Assert.True(prices.IsNull(1));
        Assert.Equal(1, prices.NullCount);
        var paid = Assert.IsType<BooleanArray>(batch.Column("paid"));
        Assert.Equal([true, false, true], [paid.GetValue(0), paid.GetValue(1), paid.GetValue(2)]);
        var names = Assert.IsType<StringArray>(batch.Column("name"));
        Assert.Equal("KL", names.GetString(0));
        Assert.True(names.IsNull(1));
        Assert.Equal("a, b", names.GetString(2));
        Assert.IsAssignableFrom<TimestampArray>(batch.Column("day"));
    }

    [Fact]
    public void Load_AsArrowTable_HasTheSameColumns()
    {
        var table = Assert.IsType<Apache.Arrow.Table>(Dataset().Load(typeof(Apache.Arrow.Table)));

        Assert.Equal(3, table.RowCount);
        Assert.Equal(5, table.ColumnCount);
        Assert.Equal("price", table.Column(1).Name);
    }

    [Fact]
    public void Load_AsDataFrame_WithDtypeUsecolsAndNrows()
    {
        var frame = (DataFrame)Dataset(new Dictionary<string, object?>
        {
            ["dtype"] = new Dictionary<string, object?> { ["id"] = "str" },
            ["usecols"] = new List<object?> { "id", "paid" },
            ["nrows"] = 2,
        }).Load(typeof(DataFrame))!;

        Assert.Equal(["id", "paid"], frame.Columns.Select(c => c.Name));
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("1", frame.Columns["id"][0]);
    }

    [Fact]
    public void Load_EmptyBody_GivesAFrameWithColumnsAndNoRows()
    {
        var path = _dir.PathOf("empty.csv");
        File.WriteAllText(path, "a,b\n");

        var frame = (DataFrame)new CsvDataset(path).Load(typeof(DataFrame))!;

        Assert.Equal(0, frame.Rows.Count);
        Assert.Equal(["a", "b"], frame.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Load_DataFrame_RoundTripsThroughSave()
    {
        var dataset = Dataset(new Dictionary<string, object?>
        {
            ["parse_dates"] = new List<object?> { "day" },
            ["usecols"] = new List<object?> { "id", "price", "name", "day" },
        });
        var frame = (DataFrame)dataset.Load(typeof(DataFrame))!;
        var copy = new CsvDataset(_dir.PathOf("copy.csv"), loadArgs: new Dictionary<string, object?> { ["parse_dates"] = new List<object?> { "day" } });

        copy.Save(frame);
        var again = (DataFrame)copy.Load(typeof(DataFrame))!;

        Assert.Equal(frame.Columns.Select(c => c.DataType), again.Columns.Select(c => c.DataType));
        for (var c = 0; c < frame.Columns.Count; c++)
        {
            for (var r = 0; r < frame.Rows.Count; r++)
            {
                Assert.True(Equals(frame.Columns[c][r], again.Columns[c][r]), $"{frame.Columns[c].Name}[{r}]: {frame.Columns[c][r]} vs {again.Columns[c][r]}");
            }
        }
    }

    [Fact]
    public void Load_ColumnOfNumbersThenText_IsReadAgainAsText()
    {
        var path = _dir.PathOf("late.csv");
        File.WriteAllText(path, "code,n,flag,ratio\n007,1,True,1\n12,2,False,2.5\nx-1,3,maybe,3\n");

        var table = (System.Data.DataTable)new CsvDataset(path).Load(typeof(System.Data.DataTable))!;
        Assert.Equal([typeof(string), typeof(long), typeof(string), typeof(double)], table.Columns.Cast<System.Data.DataColumn>().Select(c => c.DataType));

        var frame = (DataFrame)new CsvDataset(path).Load(typeof(DataFrame))!;
        Assert.Equal("007", frame.Columns["code"][0]);
        Assert.Equal("x-1", frame.Columns["code"][2]);
        Assert.Equal("True", frame.Columns["flag"][0]);
        Assert.Equal(1.0, frame.Columns["ratio"][0]);
        Assert.Equal(3L, frame.Columns["n"][2]);
    }

    [Fact]
    public async Task LoadAsync_AsDataFrame_ReadsTheSameColumnsIncludingASecondPass()
    {
        var path = _dir.PathOf("late.csv");
        File.WriteAllText(path, "code,n\n1,1.5\nB7,2\n");

        var frame = (DataFrame)(await new CsvDataset(path).LoadAsync(typeof(DataFrame)))!;

        Assert.Equal(["1", "B7"], [frame.Columns["code"][0], frame.Columns["code"][1]]);
        Assert.Equal([1.5, 2.0], [frame.Columns["n"][0], frame.Columns["n"][1]]);
    }

    [Fact]
    public void Load_LongTextColumn_GrowsPastItsFirstSize()
    {
        var path = _dir.PathOf("wide.csv");
        var longText = new string('x', 5000);
        File.WriteAllText(path, $"a,b\n1,{longText}\n2,{longText}y\n");

        var batch = (RecordBatch)new CsvDataset(path).Load(typeof(RecordBatch))!;

        Assert.Equal(longText + "y", ((StringArray)batch.Column("b")).GetString(1));
    }

    [Fact]
    public void JsonTable_LoadsAsDataFrameAndRecordBatch()
    {
        var path = _dir.PathOf("t.json");
        File.WriteAllText(path, "[{\"a\":1,\"b\":\"x\",\"c\":1.5},{\"a\":2,\"b\":null,\"c\":null}]");
        var dataset = new JsonTableDataset(path, loadArgs: new Dictionary<string, object?> { ["orient"] = "records" });

        var frame = (DataFrame)dataset.Load(typeof(DataFrame))!;
        Assert.IsType<Int64DataFrameColumn>(frame.Columns["a"]);
        Assert.Null(frame.Columns["b"][1]);
        Assert.Null(frame.Columns["c"][1]);

        var batch = (RecordBatch)dataset.Load(typeof(RecordBatch))!;
        Assert.Equal("x", ((StringArray)batch.Column("b")).GetString(0));
        Assert.True(batch.Column("b").IsNull(1));
    }

    [Fact]
    public void UInt64Column_LoadsAsDataFrameAndRecordBatch()
    {
        var path = _dir.PathOf("ids.csv");
        File.WriteAllText(path, "id\n18446744073709551615\n\n7\n");
        var dataset = new CsvDataset(path);

        var frame = (DataFrame)dataset.Load(typeof(DataFrame))!;
        Assert.IsType<UInt64DataFrameColumn>(frame.Columns["id"]);
        Assert.Equal(18446744073709551615UL, frame.Columns["id"][0]);

        var batch = (RecordBatch)dataset.Load(typeof(RecordBatch))!;
        var ids = Assert.IsType<UInt64Array>(batch.Column("id"));
        Assert.Equal(18446744073709551615UL, ids.GetValue(0));
        Assert.Equal(7UL, ids.GetValue(ids.Length - 1));
    }
}

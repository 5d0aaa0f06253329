using Apache.Arrow;
using Microsoft.Data.Analysis;
using ArrowTable = Apache.Arrow.Table;

namespace Kedro.Datasets.Tests.Tables;

/// <summary>CSV and Excel files load as, and save from, every table kind.</summary>
public sealed class TabularDatasetTableKindsTests : IDisposable
{
    private const string Csv = "id,name,score,ok\n1,a,0.5,True\n2,,1.5,False\n3,c,,\n";

    private readonly TempFolder _dir = new("kedro-table-kinds");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_csv_file_loads_as_a_data_frame_with_the_column_types_pandas_infers()
    {
        var frame = Assert.IsType<DataFrame>(CsvFile().Load(typeof(DataFrame)));

        Assert.Equal(["id", "name", "score", "ok"], frame.Columns.Select(c => c.Name));
        Assert.Equal([typeof(long), typeof(string), typeof(double), typeof(bool)], frame.Columns.Select(c => c.DataType));
        Assert.Equal(3L, frame.Columns["id"][2]);
        Assert.Null(frame.Columns["name"][1]);
        Assert.Null(frame.Columns["score"][2]);
    }

    [Fact]
    public void A_csv_file_loads_as_an_arrow_record_batch_and_table()
    {
        var dataset = CsvFile();

        var batch = Assert.IsType<RecordBatch>(dataset.Load(typeof(RecordBatch)));
        var table = Assert.IsType<ArrowTable>(dataset.Load(typeof(ArrowTable)));

        Assert.Equal(["Int64", "String", "Double", "Boolean"], batch.Schema.FieldsList.Select(f => f.DataType.TypeId.ToString()));
        Assert.Equal(3, batch.Length);
        Assert.Equal(1, batch.Column("ok").NullCount);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(4, table.ColumnCount);
    }

    [Theory]
    [InlineData(typeof(DataFrame))]
    [InlineData(typeof(RecordBatch))]
    [InlineData(typeof(ArrowTable))]
    public void A_csv_file_saves_from_each_arrow_kind_and_writes_the_same_text(Type kind)
    {
        var source = CsvFile().Load(kind)!;
        var copy = new CsvDataset(_dir.PathOf($"copy-{kind.Name}.csv"));

        copy.Save(source);

        Assert.Equal(Csv, File.ReadAllText(_dir.PathOf($"copy-{kind.Name}.csv")));
    }

    [Fact]
    public void An_excel_sheet_saves_from_a_data_frame_and_loads_as_one()
    {
        var dataset = new ExcelDataset(_dir.PathOf("frame.xlsx"));
        var frame = new DataFrame(new Int64DataFrameColumn("id", [1, 2]), new StringDataFrameColumn("name", ["x", null]));

        dataset.Save(frame);
        var loaded = Assert.IsType<DataFrame>(dataset.Load(typeof(DataFrame)));

        Assert.Equal(2L, loaded.Columns["id"][1]);
        Assert.Equal("x", loaded.Columns["name"][0]);
        Assert.Null(loaded.Columns["name"][1]);
    }

    [Fact]
    public void A_type_that_is_not_a_table_is_refused_naming_every_kind()
    {
        var error = Assert.Throws<Kedro.IO.DatasetException>(() => CsvFile().Load(typeof(int)));

        Assert.Contains("a 'DataFrame', an Arrow 'RecordBatch' or 'Table'", error.Message, StringComparison.Ordinal);
    }

    private CsvDataset CsvFile()
    {
        var path = _dir.PathOf("scores.csv");
        File.WriteAllText(path, Csv);
        return new CsvDataset(path);
    }
}

using Apache.Arrow;
using Kedro.Conversion;
using Kedro.Datasets.Tables;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Testing.Runners;
using Microsoft.Data.Analysis;

namespace Kedro.Datasets.Tests.Tables;

public sealed class TablePipelineTests
{
    public TablePipelineTests() => new DatasetTypeRegistry().AddKedroDatasets(); // registers the table converter

    [Theory]
    [MemberData(nameof(Kit.RunnerKinds), MemberType = typeof(Kit))]
    public void A_data_frame_producer_feeds_a_records_consumer_and_an_arrow_consumer_through_a_memory_dataset(string kind)
    {
        var pipeline = new Pipeline([
            Node.Create(() => new DataFrame(
                new Int64DataFrameColumn("id", [1, 2, 3]),
                new DoubleDataFrameColumn("passenger_capacity", [4.0, null, 8.0]),
                new StringDataFrameColumn("engine_type", ["Quantum", "Plasma", null])), null, "shuttles", "make"),
            Node.Create((List<ShuttleRow> rows) => rows.Sum(r => r.PassengerCapacity ?? 0), "shuttles", "capacity", "sum"),
            Node.Create((RecordBatch batch) => batch.Schema.FieldsList.Select(f => f.Name).ToList(), "shuttles", "columns", "names"),
        ]);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["shuttles"] = new MemoryDataset() });

        var outputs = Kit.Runner(kind).Run(pipeline, catalog);

        Assert.Equal(12.0, outputs["capacity"].Load());
        Assert.Equal(["id", "passenger_capacity", "engine_type"], (List<string>)outputs["columns"].Load()!);
    }

    [Fact]
    public void The_typed_wiring_check_accepts_table_pairs_and_refuses_a_table_into_a_number()
    {
        var accepted = new Pipeline([
            Node.Create(() => new List<ShuttleRow>(), null, "rows", "make"),
            Node.Create((DataFrame frame) => frame.Rows.Count, "rows", "count", "count"),
        ]);

        var error = Assert.Throws<PipelineException>(() => new Pipeline([
            Node.Create(() => new DataFrame(), null, "frame", "make"),
            Node.Create((int number) => number, "frame", "number", "read"),
        ]));

        Assert.Equal(2, accepted.Nodes.Count);
        Assert.Contains("which cannot be assigned from 'DataFrame'", error.Message, StringComparison.Ordinal);
        Assert.Contains(ValueConverters.Registered, c => c is TableConverter);
    }

    [Fact]
    public void A_typed_catalog_load_of_a_memory_dataset_converts_a_data_frame_to_records()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["frame"] = new MemoryDataset(new DataFrame(new Int64DataFrameColumn("id", [7]), new DoubleDataFrameColumn("passenger_capacity", [2.5]))),
        });

        var rows = catalog.Load<ShuttleRow[]>("frame");

        Assert.Equal([new ShuttleRow(7, 2.5, null)], rows);
    }

    public sealed record ShuttleRow(long Id, double? PassengerCapacity, string? EngineType);
}

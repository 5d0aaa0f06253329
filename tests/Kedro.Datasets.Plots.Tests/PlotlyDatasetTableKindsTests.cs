using System.Text.Json.Nodes;
using Apache.Arrow;
using Kedro.Datasets.Tables;
using Microsoft.Data.Analysis;
using static Kedro.Datasets.Plots.Tests.Support.Config;

namespace Kedro.Datasets.Plots.Tests;

/// <summary>A PlotlyDataset draws every table kind a node may return, with the same figure.</summary>
public sealed class PlotlyDatasetTableKindsTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-plots-tests");

    public void Dispose() => _dir.Dispose();

    public sealed record Shuttle(string ShuttleType, double? PassengerCapacity);

    private static List<Shuttle> Records() => [new("Type V5", 3.5), new("Type F5", null), new("Type A1", 2.0)];

    private PlotlyDataset Dataset() =>
        new(_dir.PathOf("plot.json"), Map(("type", "bar"), ("fig", Map(("x", "shuttle_type"), ("y", "passenger_capacity"), ("orientation", "h")))));

    public static TheoryData<string> Kinds() => ["records", "dictionaries", "DataTable", "DataFrame", "RecordBatch", "Table"];

    private static object Table(string kind)
    {
        var converter = new TableConverter();
        return kind switch
        {
            "records" => Records(),
            "dictionaries" => Records().Select(r => new Dictionary<string, object?> { ["shuttle_type"] = r.ShuttleType, ["passenger_capacity"] = r.PassengerCapacity }).ToList(),
            "DataTable" => converter.Convert(Records(), typeof(System.Data.DataTable)),
            "DataFrame" => converter.Convert(Records(), typeof(DataFrame)),
            "RecordBatch" => converter.Convert(Records(), typeof(RecordBatch)),
            _ => converter.Convert(Records(), typeof(Apache.Arrow.Table)),
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Save_AnyTableKind_DrawsTheSameBars(string kind)
    {
        Dataset().Save(Table(kind));

        var trace = JsonNode.Parse(File.ReadAllText(_dir.PathOf("plot.json")))!["data"]![0]!;
        Assert.Equal("[\"Type V5\",\"Type F5\",\"Type A1\"]", trace["x"]!.ToJsonString());
        Assert.Equal("[3.5,null,2]", trace["y"]!.ToJsonString());
    }

    [Fact]
    public void Save_RecordsWithoutTheColumn_ListsTheColumnsFound()
    {
        var dataset = new PlotlyDataset(_dir.PathOf("plot.json"), Map(("type", "bar"), ("fig", Map(("x", "ShuttleType")))));

        var error = Assert.Throws<Kedro.IO.DatasetException>(() => dataset.Save(Records()));

        Assert.Contains("names the column 'ShuttleType', which the table does not have (columns: 'shuttle_type', 'passenger_capacity')",
            error.Message, StringComparison.Ordinal);
    }
}

using Kedro.IO;
using Kedro.Runners;
using KedroStarter.Pipelines.DataProcessing;

namespace KedroStarter.Tests;

public class DataProcessingPipelineTests
{
    private static readonly List<Shuttle> Shuttles =
    [
        new() { Id = 1, ShuttleType = "Type V5", EngineType = "Quantum", PassengerCapacity = 4, Price = "$1,325.0" },
        new() { Id = 2, ShuttleType = "Type F5", EngineType = "Plasma", PassengerCapacity = 1, Price = "$845.0" },
        new() { Id = 3, ShuttleType = "Type V2", EngineType = "Quantum", PassengerCapacity = 8, Price = "$2,715.0" },
        new() { Id = 4, ShuttleType = "Type F2", EngineType = "Nuclear", PassengerCapacity = null, Price = "$990.0" },
    ];

    [Fact]
    public void PreprocessShuttles_ParsesPrices_AndDropsIncompleteRows()
    {
        var result = DataProcessingNodes.PreprocessShuttles(Shuttles);

        Assert.Equal([1325.0, 845.0, 2715.0], result.Select(s => s.Price));
    }

    [Fact]
    public void Pipeline_RunsFromRawShuttlesToThePriceSummary()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["shuttles"] = new MemoryDataset(Shuttles, CopyMode.Assign),
            ["params:min_capacity"] = new MemoryDataset(2L),
        });

        var outputs = new SequentialRunner().Run(DataProcessingPipeline.Create(), catalog);

        var summary = (Dictionary<string, object>)outputs["price_summary"].Load()!;
        Assert.Equal(2, summary["shuttles"]);
        Assert.Equal(2020.0, summary["mean_price"]);
    }
}

using Kedro.Datasets.Partitions;
using Kedro.IO;
using Microsoft.Data.Analysis;
using Microsoft.Extensions.Logging;
using static Kedro.Datasets.Tests.Partitions.PartitionTestKit;

namespace Kedro.Datasets.Tests.Partitions;

public sealed class IncrementalDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-partitions-tests");

    public void Dispose() => _dir.Dispose();

    private string Parts => _dir.PathOf("parts");

    private IncrementalDataset Text(object? checkpoint = null, Func<string, string, bool>? comparison = null) =>
        new(Parts, "text.TextDataset", checkpoint, filenameSuffix: ".txt", comparison: comparison, registry: Registry());

    private static IReadOnlyDictionary<string, object?> Untyped(IncrementalDataset dataset) => (IReadOnlyDictionary<string, object?>)dataset.Load()!;

    [Fact]
    public void Load_WithoutCheckpoint_LoadsEveryPartitionEagerly_ThenConfirmMovesTheCheckpointToTheLast()
    {
        _dir.Write("parts/p1.txt", "one");
        _dir.Write("parts/p2.txt", "two");
        var dataset = Text();

        var first = Untyped(dataset);
        dataset.Confirm();

        Assert.Equal(["p1", "p2"], first.Keys);
        Assert.Equal("two", first["p2"]);
        Assert.Equal("p2", _dir.Read("parts/CHECKPOINT"));

        _dir.Write("parts/p3.txt", "three");
        var second = Untyped(Text());
        Assert.Equal(["p3"], second.Keys);
    }

    [Fact]
    public void Load_NothingNew_IsAnEmptyDictionary_AndConfirmLeavesTheCheckpoint()
    {
        _dir.Write("parts/p1.txt", "one");
        _dir.Write("parts/CHECKPOINT", "p1");
        var dataset = Text();

        Assert.Empty(Untyped(dataset));
        Assert.False(dataset.Exists());
        dataset.Confirm();

        Assert.Equal("p1", _dir.Read("parts/CHECKPOINT"));
    }

    [Fact]
    public void Confirm_UsesTheListingTheLoadSaw_NotFilesThatArrivedAfterIt()
    {
        _dir.Write("parts/a.txt", "1");
        var dataset = Text();
        Assert.Single(Untyped(dataset));

        _dir.Write("parts/b.txt", "2");
        dataset.Confirm();

        Assert.Equal("a", _dir.Read("parts/CHECKPOINT"));
        Assert.Equal(["b"], Untyped(Text()).Keys);
    }

    [Fact]
    public void Load_TypedAsTheNodeAsks()
    {
        _dir.Write("parts/2024-01.csv", "id,amount\n1,2.5\n");
        _dir.Write("parts/2024-02.csv", "id,amount\n2,4.0\n3,1.0\n");
        var dataset = new IncrementalDataset(Parts, "pandas.CSVDataset", filenameSuffix: ".csv", registry: Registry());

        var frames = (IReadOnlyDictionary<string, DataFrame>)dataset.Load(typeof(IReadOnlyDictionary<string, DataFrame>))!;
        var records = Assert.IsType<Dictionary<string, List<Row>>>(dataset.Load(typeof(Dictionary<string, List<Row>>)));

        Assert.Equal(["2024-01", "2024-02"], frames.Keys);
        Assert.Equal(2, frames["2024-02"].Rows.Count);
        Assert.Equal(4.0, records["2024-02"][0].Amount);
    }

    [Fact]
    public async Task LoadAsync_LoadsEveryNewPartition()
    {
        _dir.Write("parts/a.txt", "alpha");
        _dir.Write("parts/CHECKPOINT", "");

        var loaded = (IReadOnlyDictionary<string, string>)(await Text().LoadAsync(typeof(IReadOnlyDictionary<string, string>)))!;

        Assert.Equal("alpha", loaded["a"]);
    }

    [Fact]
    public void ForceCheckpoint_ReplacesTheStoredOne_AndEmptyLoadsEverything()
    {
        _dir.Write("parts/a.txt", "1");
        _dir.Write("parts/b.txt", "2");
        _dir.Write("parts/c.txt", "3");
        _dir.Write("parts/CHECKPOINT", "c");

        Assert.Equal(["c"], Untyped(Text("b")).Keys);
        Assert.Equal(["a", "b", "c"], Untyped(Text("")).Keys);
        Assert.Equal(["b", "c"], Untyped(Text(new Dictionary<string, object?> { ["force_checkpoint"] = "a" })).Keys);
        Assert.Empty(Untyped(Text()));
    }

    [Fact]
    public void ComparisonFunc_KedroOperatorNames_TypeNames_AndCodeFunctions()
    {
        _dir.Write("parts/a.txt", "1");
        _dir.Write("parts/bb.txt", "2");
        _dir.Write("parts/ccc.txt", "3");
        _dir.Write("parts/CHECKPOINT", "bb");
        IncrementalDataset With(string name) => Text(new Dictionary<string, object?> { ["comparison_func"] = name });

        Assert.Equal(["a"], Untyped(With("operator.lt")).Keys);
        Assert.Equal(["a", "bb"], Untyped(With("operator.le")).Keys);
        Assert.Equal(["bb"], Untyped(With("operator.eq")).Keys);
        Assert.Equal(["a", "ccc"], Untyped(With("operator.ne")).Keys);
        Assert.Equal(["bb", "ccc"], Untyped(With("operator.ge")).Keys);
        Assert.Equal(["ccc"], Untyped(With("operator.gt")).Keys);
        Assert.Equal(["a"], Untyped(With(typeof(ShorterThanCheckpoint).FullName!)).Keys);
        Assert.Equal(["a"], Untyped(With(typeof(ShorterThanCheckpoint).AssemblyQualifiedName!)).Keys);
        Assert.Equal(["ccc"], Untyped(Text(comparison: (id, checkpoint) => id.Length > checkpoint.Length)).Keys);
    }

    [Fact]
    public void ComparisonFunc_UnknownOrNotAComparison_IsRefusedSayingWhatWorks()
    {
        var unknown = Assert.Throws<ArgumentException>(() => Text(new Dictionary<string, object?> { ["comparison_func"] = "my_module.cmp" }));
        var wrong = Assert.Throws<ArgumentException>(() => Text(new Dictionary<string, object?> { ["comparison_func"] = typeof(RecordingDataset).FullName }));

        Assert.StartsWith("'IncrementalDataset' cannot use comparison_func 'my_module.cmp': no loaded assembly has a type of that name",
            unknown.Message, StringComparison.Ordinal);
        Assert.Contains("'operator.gt'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("does not implement 'Kedro.Datasets.Partitions.IPartitionComparison'", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_MappingChoosesTypeAndFile_AndTheCheckpointFileIsNeverAPartition()
    {
        _dir.Write("parts/a.txt", "1");
        _dir.Write("parts/b.txt", "2");
        var checkpoint = new Dictionary<string, object?> { ["type"] = "text.TextDataset", ["filepath"] = _dir.PathOf("parts", "state.txt") };
        var dataset = Text(checkpoint);

        Untyped(dataset);
        dataset.Confirm();

        Assert.Equal("b", _dir.Read("parts/state.txt"));
        Assert.Empty(Untyped(Text(checkpoint)));
    }

    [Fact]
    public void Checkpoint_Versioned_IsRefusedWithKedrosMessage()
    {
        var error = Assert.Throws<DatasetException>(() => Text(new Dictionary<string, object?> { ["versioned"] = true }));

        Assert.Equal("'IncrementalDataset' does not support versioning of the checkpoint. Please remove 'versioned' key from the checkpoint definition.",
            error.Message);
    }

    [Fact]
    public void Credentials_ReachTheCheckpoint_UnlessItHasItsOwn_WithAWarning()
    {
        var logger = new ListLogger();
        _ = new IncrementalDataset(Parts, "text.TextDataset",
            new Dictionary<string, object?> { ["credentials"] = new Dictionary<string, object?> { ["k"] = "own" } },
            credentials: new Dictionary<string, object?> { ["k"] = "top" }, registry: Registry(), logger: logger);

        Assert.Contains((LogLevel.Warning, "Top-level credentials will not propagate into the checkpoint since credentials were explicitly defined in the checkpoint config."),
            logger.Entries);
    }

    [Fact]
    public void Save_WritesPartitions_AndLeavesTheCheckpoint()
    {
        _dir.Write("parts/CHECKPOINT", "a");
        var dataset = Text();

        dataset.Save(new Dictionary<string, string> { ["b"] = "2" });

        Assert.Equal("a", _dir.Read("parts/CHECKPOINT"));
        Assert.Equal(["b"], Untyped(dataset).Keys);
    }

    [Fact]
    public void Catalog_KedroYaml_WithCheckpointAndComparisonByTypeName()
    {
        _dir.Write("parts/a.csv", "id\n1\n");
        _dir.Write("parts/bbb.csv", "id\n2\n");
        _dir.Write("parts/CHECKPOINT", "cc");
        var catalog = Catalog($"""
            increments:
              type: partitions.IncrementalDataset
              path: {Q(Parts)}
              dataset: pandas.CSVDataset
              filename_suffix: .csv
              checkpoint:
                comparison_func: {typeof(ShorterThanCheckpoint).FullName}
            forced:
              type: kedro_datasets.partitions.IncrementalDataset
              path: {Q(Parts)}
              dataset:
                type: pandas.CSVDataset
              filename_suffix: .csv
              checkpoint: ''
            """, Registry());

        Assert.Equal(["a"], catalog.Load<IReadOnlyDictionary<string, DataFrame>>("increments").Keys);
        Assert.Equal(["a", "bbb"], catalog.Load<IReadOnlyDictionary<string, DataFrame>>("forced").Keys);
    }

    public sealed record Row(long Id, double Amount);
}

using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using static Kedro.Datasets.Tests.Partitions.PartitionTestKit;

namespace Kedro.Datasets.Tests.Partitions;

/// <summary>
/// The incremental flow through real runs: a node reads what is new and confirms it; the next run reads only what arrived
/// since; a failing node leaves the checkpoint where it was.
/// </summary>
public sealed class IncrementalPipelineTests(ParallelRunnerFixture parallel) : IDisposable, IClassFixture<ParallelRunnerFixture>
{
    private readonly TempFolder _dir = new("kedro-partitions-tests");

    public void Dispose() => _dir.Dispose();

    // Static, so ParallelRunner's worker processes can re-create the nodes.
    public static string Join(IReadOnlyDictionary<string, string> partitions) =>
        string.Join(",", partitions.Select(p => $"{p.Key}={p.Value}"));

    public static string Fail(IReadOnlyDictionary<string, string> partitions) =>
        throw new InvalidOperationException($"cannot process {partitions.Count} partitions");

    private DataCatalog NewCatalog() => Catalog($"""
        increments:
          type: partitions.IncrementalDataset
          path: {Q(_dir.PathOf("in"))}
          dataset: text.TextDataset
          filename_suffix: .txt
          checkpoint:
            comparison_func: operator.gt
        summary:
          type: text.TextDataset
          filepath: {Q(_dir.PathOf("out", "summary.txt"))}
        """, Registry());

    private static Pipeline Process(Delegate func) =>
        new([Node.Create(func, "increments", "summary", name: "process", confirms: "increments")]);

    public static TheoryData<string> Runners => ["sequential", "parallel"];

    private AbstractRunner Runner(string kind) => kind == "parallel" ? parallel.Runner : new SequentialRunner();

    [Theory]
    [MemberData(nameof(Runners))]
    public void Runs_ReadOnlyNewPartitions_AndTheCheckpointMovesOnlyWhenTheConfirmingNodeSucceeds(string kind)
    {
        var runner = Runner(kind);
        _dir.Write("in/p1.txt", "a");
        _dir.Write("in/p2.txt", "b");

        runner.Run(Process(Join), NewCatalog());
        Assert.Equal("p1=a,p2=b", _dir.Read("out/summary.txt"));
        Assert.Equal("p2", _dir.Read("in/CHECKPOINT"));

        _dir.Write("in/p3.txt", "c");
        runner.Run(Process(Join), NewCatalog());
        Assert.Equal("p3=c", _dir.Read("out/summary.txt"));
        Assert.Equal("p3", _dir.Read("in/CHECKPOINT"));

        _dir.Write("in/p4.txt", "d");
        Assert.ThrowsAny<Exception>(() => runner.Run(Process(Fail), NewCatalog()));
        Assert.Equal("p3", _dir.Read("in/CHECKPOINT"));

        runner.Run(Process(Join), NewCatalog());
        Assert.Equal("p4=d", _dir.Read("out/summary.txt"));
        Assert.Equal("p4", _dir.Read("in/CHECKPOINT"));
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public void Runs_ComparisonNamedByTypeAndPartitionTypeOfTheUser_WorkInEveryRunner(string kind)
    {
        var runner = Runner(kind);
        _dir.Write("in/a.txt", "1");
        _dir.Write("in/bbb.txt", "3");
        _dir.Write("in/CHECKPOINT", "cc");
        var registry = ExclaimedText.Register(Registry());
        var catalog = Catalog($"""
            increments:
              type: partitions.IncrementalDataset
              path: {Q(_dir.PathOf("in"))}
              dataset:
                type: tests.ExclaimedText
              filename_suffix: .txt
              checkpoint:
                comparison_func: {typeof(ShorterThanCheckpoint).FullName}
            summary:
              type: text.TextDataset
              filepath: {Q(_dir.PathOf("out", "summary.txt"))}
            """, registry);

        runner.Run(Process(Join), catalog);

        Assert.Equal("a=1!", _dir.Read("out/summary.txt"));
        Assert.Equal("a", _dir.Read("in/CHECKPOINT"));
    }
}

/// <summary>One ParallelRunner (one worker process) for the class's runs, started once.</summary>
public sealed class ParallelRunnerFixture : IDisposable
{
    public ParallelRunner Runner { get; } = new(maxWorkers: 1);

    public void Dispose() => Runner.Dispose();
}

/// <summary>A partition dataset type of the tests, registered by a portable factory: text with '!' appended on load.</summary>
public sealed class ExclaimedText(string filepath) : AbstractDataset<string>
{
    public static DatasetTypeRegistry Register(DatasetTypeRegistry registry) =>
        registry.Register("tests.ExclaimedText", static context => new ExclaimedText(context.Get<string>("filepath")!));

    protected override string LoadCore() => File.ReadAllText(filepath) + "!";

    protected override void SaveCore(string data) => File.WriteAllText(filepath, data);

    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?> { ["filepath"] = filepath };
}

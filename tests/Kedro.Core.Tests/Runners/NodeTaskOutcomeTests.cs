using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing.Runners;
using static Kedro.Testing.Runners.Kit;

namespace Kedro.Core.Tests.Runners;

/// <summary><see cref="NodeTask.RunAsync"/>: how a node's run ended, as an executor reports it.</summary>
public class NodeTaskOutcomeTests
{
    [Fact]
    public async Task RunAsync_WhenTheNodeRuns_IsCompletedAndSavesTheOutputs()
    {
        var catalog = Catalog(("A", 1), ("B", new MemoryDataset()));
        var outcome = await new NodeTask(N("n", Identity, "A", "B"), catalog, isAsync: false, new HookManager()).RunAsync();
        Assert.Null(outcome.Exception);
        Assert.Equal(NodeOutcomeKind.Completed, outcome.Kind);
        Assert.Equal(1, catalog.Load("B"));
    }

    [Fact]
    public async Task RunAsync_SynchronousNode_CompletesSynchronously()
    {
        var running = new NodeTask(N("n", Identity, "A", "B"), Catalog(("A", 1), ("B", new MemoryDataset())), isAsync: false, new HookManager()).RunAsync();
        Assert.True(running.IsCompletedSuccessfully);
        Assert.Same(NodeOutcome.Completed, await running);
    }

    [Fact]
    public async Task RunAsync_WhenTheNodeFunctionThrows_IsFailedInTheNodeFunctionWithTheException()
    {
        var hooks = new RecordingHooks();
        var manager = new HookManager();
        manager.Register(hooks);
        var outcome = await new NodeTask(N("n", Fail, "A", "B"), Catalog(("A", 1)), isAsync: false, manager).RunAsync();
        Assert.Equal(NodeOutcomeKind.Failed, outcome.Kind);
        Assert.True(outcome.FailedInNodeFunction);
        Assert.Equal("test exception", Assert.IsType<InvalidOperationException>(outcome.Exception).Message);
        Assert.Contains("h:on_node_error:n", hooks.Calls);
        Assert.Throws<InvalidOperationException>(outcome.ThrowIfFailed);
    }

    [Fact]
    public async Task RunAsync_WhenASaveFails_IsFailedButNotInTheNodeFunction()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["A"] = new MemoryDataset(1),
            ["B"] = new FailingSave(),
        });
        var outcome = await new NodeTask(N("n", Identity, "A", "B"), catalog, isAsync: false, new HookManager()).RunAsync();
        Assert.Equal(NodeOutcomeKind.Failed, outcome.Kind);
        Assert.False(outcome.FailedInNodeFunction);
        Assert.IsType<DatasetException>(outcome.Exception);
    }

    [Fact]
    public async Task RunAsync_WhenCancelled_IsCancelledAndSavesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        var catalog = Catalog(("A", 1));
        var node = Node.Create(
            async (object? a, CancellationToken token) =>
            {
                await cancellation.CancelAsync();
                token.ThrowIfCancellationRequested();
                return a;
            },
            "A", "B", name: "n");
        var outcome = await new NodeTask(node, catalog, isAsync: false, new HookManager()).RunAsync(cancellation.Token);
        Assert.Same(NodeOutcome.Cancelled, outcome);
        Assert.False(catalog.Contains("B") && catalog.Exists("B"));
    }

    [Fact]
    public void NodeOutcome_Failed_RequiresTheException()
    {
        Assert.Throws<ArgumentNullException>(() => NodeOutcome.Failed(null!));
        NodeOutcome.Completed.ThrowIfFailed(); // does nothing
        Assert.Equal("Failed: IOException: gone", NodeOutcome.Failed(new IOException("gone")).ToString());
    }

    private sealed class FailingSave : AbstractDataset<object?>
    {
        protected override object? LoadCore() => null;

        protected override void SaveCore(object? data) => throw new IOException("disk full");

        protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>();
    }
}

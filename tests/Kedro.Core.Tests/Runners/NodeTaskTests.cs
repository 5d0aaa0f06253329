using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using static Kedro.Testing.Runners.Kit;
using Kedro.Testing.Runners;

namespace Kedro.Core.Tests.Runners;

public class NodeTaskTests
{
    private static IEnumerable<int> Numbers()
    {
        for (var i = 0; i < 10; i++)
        {
            yield return i;
        }
    }

    [Fact]
    public void Execute_WithoutHookManager_ThrowsTaskException()
    {
        var task = new NodeTask(N("n", Identity, "A", "B"), Catalog(("A", 1)), isAsync: false);
        var error = Assert.Throws<TaskException>(() => task.Execute());
        Assert.StartsWith("No hook_manager provided.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_AsyncStreamingNode_ThrowsKedroMessage()
    {
        var node = Node.Create(Numbers, null, "result", name: "gen");
        var task = new NodeTask(node, new DataCatalog(), isAsync: true, hookManager: new HookManager());
        var error = Assert.Throws<ArgumentException>(() => task.Execute());
        Assert.Contains("nodes wrapping generator functions", error.Message, StringComparison.Ordinal);
        Assert.Contains($"in node {node}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_StreamingNode_SavesEachItem()
    {
        var result = new PersistentDataset();
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["result"] = result });
        var node = Node.Create(Numbers, null, "result", name: "gen");
        Assert.Same(node, new NodeTask(node, catalog, isAsync: false, hookManager: new HookManager()).Execute());
        Assert.Equal(Enumerable.Range(0, 10).Cast<object?>(), result.Saved);
    }

    [Fact]
    public void Execute_StreamingNode_FiresSaveHooksPerChunk()
    {
        var hooks = new RecordingHooks();
        var manager = new HookManager();
        manager.Register(hooks);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["result"] = new PersistentDataset() });
        new NodeTask(Node.Create(Numbers, null, "result", name: "gen"), catalog, false, manager).Execute();
        Assert.Equal(10, hooks.Calls.Count(c => c == "h:after_dataset_saved:result"));
        Assert.Equal("h:after_node_run:gen", hooks.Calls[^1]);
    }

    [Fact]
    public void Execute_NonStreamingIterable_SavesTheSameObjectOnce()
    {
        var items = new List<int> { 1, 2, 3 };
        var result = new PersistentDataset();
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["result"] = result });
        new NodeTask(Node.Create(() => items, null, "result", name: "list"), catalog, false, new HookManager()).Execute();
        Assert.Same(items, Assert.Single(result.Saved));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExecuteAsync_RunsNodeAndSavesOutputs(bool isAsync)
    {
        var catalog = Catalog(("a", 1), ("b", 2), ("sum", new MemoryDataset()), ("diff", new MemoryDataset()));
        var node = Node.Create((int a, int b) => (a + b, a - b), new[] { "a", "b" }, new[] { "sum", "diff" }, name: "n");
        var ran = await new NodeTask(node, catalog, isAsync, new HookManager(), runId: "r").ExecuteAsync();
        Assert.Same(node, ran);
        Assert.Equal(3, catalog.Load("sum"));
        Assert.Equal(-1, catalog.Load("diff"));
    }

    [Fact]
    public void Execute_AsyncMode_WrapsEachLoadAndSaveInItsHooks()
    {
        var hooks = new RecordingHooks();
        var manager = new HookManager();
        manager.Register(hooks);
        var catalog = Catalog(("a", 1), ("b", 2), ("ds3", new MemoryDataset()), ("ds4", new MemoryDataset()));
        var node = Node.Create((int a, int b) => (a, b), new[] { "a", "b" }, new[] { "ds3", "ds4" }, name: "n");
        new NodeTask(node, catalog, isAsync: true, hookManager: manager).Execute();
        var calls = hooks.Calls.ToList();
        foreach (var name in new[] { "a", "b" })
        {
            Assert.True(calls.IndexOf($"h:before_dataset_loaded:{name}") < calls.IndexOf($"h:after_dataset_loaded:{name}"));
            Assert.True(calls.IndexOf($"h:after_dataset_loaded:{name}") < calls.IndexOf("h:before_node_run:n"));
        }

        Assert.Equal(2, calls.Count(c => c.StartsWith("h:after_dataset_saved:", StringComparison.Ordinal)));
        Assert.True(calls.IndexOf("h:after_node_run:n") < calls.IndexOf("h:before_dataset_saved:ds3"));
    }

    [Fact]
    public void Execute_WhenLoadFails_DoesNotCallOnNodeError()
    {
        var hooks = new RecordingHooks();
        var manager = new HookManager();
        manager.Register(hooks);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["A"] = new MemoryDataset() });
        Assert.ThrowsAny<DatasetException>(() => new NodeTask(N("n", Identity, "A", "B"), catalog, false, manager).Execute());
        Assert.Empty(hooks.Errors);
        Assert.DoesNotContain("h:before_node_run:n", hooks.Calls);
    }

    [Fact]
    public void Execute_WhenNodeFails_CallsOnNodeErrorOnceWithOriginalError()
    {
        var hooks = new RecordingHooks();
        var manager = new HookManager();
        manager.Register(hooks);
        var error = Assert.Throws<InvalidOperationException>(
            () => new NodeTask(N("n", Fail, "A", "B"), Catalog(("A", 1)), false, manager).Execute());
        Assert.Same(error, Assert.Single(hooks.Errors));
        Assert.DoesNotContain("h:after_node_run:n", hooks.Calls);
    }
}

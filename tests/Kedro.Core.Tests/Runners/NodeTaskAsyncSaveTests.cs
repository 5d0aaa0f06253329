using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

namespace Kedro.Core.Tests.Runners;

public class NodeTaskAsyncSaveTests
{
    private sealed class SlowDataset : AbstractDataset<int>
    {
        private volatile bool _saved;

        public bool Saved => _saved;

        protected override int LoadCore() => 0;

        protected override void SaveCore(int data)
        {
            Thread.Sleep(200);
            _saved = true;
        }

        protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>();
    }

    private sealed class FailingBeforeSave(string failOn) : IDatasetHooks
    {
        public void BeforeDatasetSaved(string datasetName, object? data, Node node)
        {
            if (datasetName == failOn)
            {
                throw new InvalidOperationException($"hook refused '{datasetName}'");
            }
        }
    }

    [Fact]
    public void Execute_AsyncMode_WhenBeforeSaveHookFailsForLaterOutput_EarlierSavesFinishBeforeTheFailureSurfaces()
    {
        var slow = new SlowDataset();
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["a"] = new MemoryDataset(1),
            ["first"] = slow,
            ["second"] = new MemoryDataset(),
        });
        var hooks = new HookManager();
        hooks.Register(new FailingBeforeSave("second"));
        var node = Node.Create((int a) => (a, a), "a", ["first", "second"], name: "pair");

        var error = Assert.Throws<InvalidOperationException>(() => new NodeTask(node, catalog, isAsync: true, hookManager: hooks).Execute());

        Assert.Equal("hook refused 'second'", error.Message);
        Assert.True(slow.Saved, "The save that had started was still running when the node's failure surfaced.");
    }
}

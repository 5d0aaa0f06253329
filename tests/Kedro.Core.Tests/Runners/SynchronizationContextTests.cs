using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

namespace Kedro.Core.Tests.Runners;

public class SynchronizationContextTests
{
    /// <summary>A single-threaded context that never runs what is posted to it, like a blocked UI thread.</summary>
    private sealed class NeverPumpedContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }
    }

    private static Pipeline AsyncPipeline() => new(
    [
        Node.Create(async (int x) =>
        {
            await Task.Delay(10);
            return x + 1;
        }, "a", "b", name: "awaits"),
    ]);

    private static T OnThreadWithContext<T>(Func<T> action)
    {
        T? result = default;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new NeverPumpedContext());
            try
            {
                result = action();
            }
            catch (Exception e)
            {
                error = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "The synchronous call deadlocked on the caller's SynchronizationContext.");
        Assert.Null(error);
        return result!;
    }

    [Fact]
    public void Run_FromThreadWithSingleThreadedContext_DoesNotDeadlockOnAsyncNodes()
    {
        var outputs = OnThreadWithContext(() => new SequentialRunner().Run(AsyncPipeline(),
            new DataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(1) })));

        Assert.Equal(2, outputs["b"].Load());
    }

    [Fact]
    public void NodeTaskExecute_FromThreadWithSingleThreadedContext_DoesNotDeadlock()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(1), ["b"] = new MemoryDataset() });
        var node = AsyncPipeline().Nodes[0];

        OnThreadWithContext(() => new NodeTask(node, catalog, isAsync: false, hookManager: new Kedro.Hooks.HookManager()).Execute());

        Assert.Equal(2, catalog.Load("b"));
    }

    [Fact]
    public void Run_RestoresTheCallersContext()
    {
        var context = OnThreadWithContext(() =>
        {
            new SequentialRunner().Run(AsyncPipeline(),
                new DataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(1) }));
            return SynchronizationContext.Current;
        });

        Assert.IsType<NeverPumpedContext>(context);
    }
}

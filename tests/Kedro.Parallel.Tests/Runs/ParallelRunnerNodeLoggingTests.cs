using Kedro.IO;
using Kedro.Pipelines;
using Kedro.WorkerProcesses.Worker;
using Microsoft.Extensions.Logging;

namespace Kedro.Parallel.Tests.Runs;

/// <summary>A node's own logging in a worker process reaches the parent's log with its level.</summary>
public sealed class ParallelRunnerNodeLoggingTests : IClassFixture<WorkerPoolFixture>
{
    private readonly WorkerPoolFixture _pool;

    public ParallelRunnerNodeLoggingTests(WorkerPoolFixture pool)
    {
        _pool = pool;
        pool.Logger.Reset();
    }

    private static int LogAndDouble(int x)
    {
        var logger = NodeLogging.DefaultLoggerFactory.CreateLogger("Tests.Nodes");
#pragma warning disable CA1848, CA2254 // a node function logging as user code does
        logger.LogWarning("Doubling {Value}\nsecond line", x);
#pragma warning restore CA1848, CA2254
        return x * 2;
    }

    [Fact]
    public async Task Run_WhenANodeLogsInItsWorker_TheParentLogsTheEntryWithItsLevel()
    {
        var pipeline = new Pipeline([Node.Create(LogAndDouble, "x", "y", name: "double")]);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["x"] = new MemoryDataset(21) });

        var result = await _pool.Runner.RunAsync(pipeline, catalog);

        Assert.Equal(42, result["y"].Load());
        Assert.Contains(_pool.Logger.Current.Entries, e => e.Level == LogLevel.Warning && e.Message == "Doubling 21\nsecond line");
    }

    [Theory]
    [InlineData(LogLevel.Information, "Model has a coefficient R^2 of 0.701 on test data.")]
    [InlineData(LogLevel.Error, "two\nlines \u001F with a separator")]
    public void FormatThenTryParse_GivesTheEntryBack(LogLevel level, string message)
    {
        var line = WorkerLogLines.Format(level, "Spaceflights.Nodes", message);

        Assert.DoesNotContain('\n', line);
        Assert.True(WorkerLogLines.TryParse(line, out var parsedLevel, out var category, out var parsedMessage));
        Assert.Equal((level, "Spaceflights.Nodes", message), (parsedLevel, category, parsedMessage));
    }

    [Theory]
    [InlineData("plain output from a node")]
    [InlineData("\u001Ekedro-log\u001F99\u001Fc\u001F\"m\"")]
    [InlineData("\u001Ekedro-log\u001F2\u001Fc\u001Fnot json")]
    public void TryParse_OtherLines_AreNotLogEntries(string line)
    {
        Assert.False(WorkerLogLines.TryParse(line, out _, out _, out _));
    }
}

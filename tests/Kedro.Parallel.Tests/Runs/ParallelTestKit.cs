using System.Buffers;
using System.Text;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.IO.Serialization;
using Kedro.Runners;
using Microsoft.Extensions.Logging;

namespace Kedro.Parallel.Tests.Runs;

/// <summary>
/// One pool of worker processes per test class: a ParallelRunner with two workers, and one in asynchronous mode, both
/// logging to a logger the tests reset.
/// </summary>
public sealed class WorkerPoolFixture : IDisposable
{
    public WorkerPoolFixture()
    {
        Runner = new ParallelRunner(maxWorkers: 2, logger: Logger);
        AsyncRunner = new ParallelRunner(maxWorkers: 2, isAsync: true, logger: Logger);
    }

    public ResettableLogger Logger { get; } = new();

    public ParallelRunner Runner { get; }

    public ParallelRunner AsyncRunner { get; }

    public void Dispose()
    {
        Runner.Dispose();
        AsyncRunner.Dispose();
    }
}

/// <summary>A logger whose recording can be restarted between tests sharing it.</summary>
public sealed class ResettableLogger : ILogger
{
    private ListLogger _current = new();

    public ListLogger Current => Volatile.Read(ref _current);

    public IReadOnlyList<string> Messages => Current.Messages;

    public void Reset() => Volatile.Write(ref _current, new ListLogger());

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Current.Log(logLevel, eventId, state, exception, formatter);
}

/// <summary>Node functions that a worker process can re-create: static methods and lambdas that capture nothing.</summary>
public static class PortableNodes
{
    public static object? Identity(object? x) => x;

    public static int Increment(int x) => x + 1;

    public static int[] Gather(int c, int d, int e) => [c, d, e];

    public static int Fail(object? x) => throw new InvalidOperationException("test exception");

    public static object? ReturnNull(object? x) => null;

    public static int Crash(object? x)
    {
        Environment.FailFast("a node crashed its worker process on purpose");
        return 0;
    }

    public static int SleepIgnoringCancellation(object? x)
    {
        Thread.Sleep(TimeSpan.FromSeconds(30));
        return 0;
    }

    public static async Task<int> WaitForCancellation(object? x, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        return 0;
    }

    public static long Sum(params object?[] values) => values.Sum(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));

    public static long FailMany(params object?[] values) => throw new InvalidOperationException("test exception");

    public static Func<int> ReturnDelegate(object? x) => () => 1;

    public static string Upper(string text) => text.ToUpperInvariant();

    public static (int, int) Split(int a, int b) => (a * 10, b * 10);

    public static int Add(int a, int b) => a + b;

    public static Tally MakeTally(int x) => Tally.Of(x);

    public static string DescribeTally(Tally tally) => tally.ToString();

    public static string WaitForFile(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{path}' did not appear within 30 s.");
            }

            Thread.Sleep(20);
        }

        return path;
    }

}

/// <summary>A value System.Text.Json cannot round-trip (no public constructor or setters); <see cref="TallySerializer"/> can.</summary>
public sealed class Tally
{
    private readonly int _count;

    private Tally(int count) => _count = count;

    public static Tally Of(int count) => new(count);

    public override string ToString() => new('|', _count);
}

/// <summary>A user serializer for <see cref="Tally"/>.</summary>
public sealed class TallySerializer : IValueSerializer<Tally>
{
    public void Serialize(Tally value, IBufferWriter<byte> output) => output.Write(Encoding.UTF8.GetBytes(value.ToString()));

    public Tally Deserialize(ReadOnlySpan<byte> data) => Tally.Of(data.Length);
}

/// <summary>A persistent text file dataset, written atomically, registered by a lambda that captures nothing.</summary>
public sealed class TextFile(string filepath) : AbstractDataset<string>
{
    public static DatasetTypeRegistry Register(DatasetTypeRegistry registry) =>
        registry.Register(static context => new TextFile(context.Get<string>("filepath")!), "tests.TextFile");

    protected override string LoadCore() => File.ReadAllText(filepath);

    protected override void SaveCore(string data)
    {
        var temp = filepath + ".tmp";
        File.WriteAllText(temp, data);
        File.Move(temp, filepath, overwrite: true);
    }

    protected override bool ExistsCore() => File.Exists(filepath);

    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?> { ["filepath"] = filepath };
}

/// <summary>A temporary folder removed at the end of the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kedro-parallel-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Remembers the shared-memory directories a run used, to check they are gone afterwards.</summary>
public sealed class SharedDirectoryProbe : INodeHooks
{
    private readonly HashSet<string> _directories = [];

    public IReadOnlyCollection<string> Directories
    {
        get
        {
            lock (_directories)
            {
                return [.. _directories];
            }
        }
    }

    public Action<NodeRunContext>? OnBeforeNodeRun { get; init; }

    public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
    {
        foreach (var name in context.Node.Inputs.Concat(context.Node.Outputs))
        {
            if (context.Catalog.Get(name) is SharedMemoryDataset { Manager: { } manager })
            {
                lock (_directories)
                {
                    _directories.Add(manager.Directory);
                }
            }
        }

        OnBeforeNodeRun?.Invoke(context);
        return null;
    }
}

/// <summary>Checks on worker processes by id.</summary>
public static class WorkerProcesses
{
    /// <summary>Asserts that each process has ended (waiting a few seconds for those that are ending).</summary>
    public static void AssertGone(IEnumerable<int> processIds)
    {
        foreach (var id in processIds)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(id);
                Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), $"worker process {id} is still running");
            }
            catch (ArgumentException)
            {
                // gone
            }
        }
    }
}

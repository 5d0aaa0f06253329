using System.Globalization;
using Kedro.Pipelines;

namespace Kedro.Hangfire.TestProject;

/// <summary>
/// The test project's pipelines: <c>dag_1</c> to <c>dag_3</c> (seeded random DAGs), <c>gated</c> (a node that waits
/// for a barrier file), <c>resumable</c> (two gated nodes side by side whose outputs are files, then a node combining
/// them), <c>flaky</c> (a node that fails until its third attempt) and <c>memory</c> (uses a
/// <c>MemoryDataset</c> declared in the catalog).
/// </summary>
internal static class TestPipelines
{
    /// <summary>The random DAGs the tests run, by name and seed.</summary>
    public static IReadOnlyDictionary<string, int> Dags { get; } =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["dag_1"] = 1, ["dag_2"] = 2, ["dag_3"] = 3 };

    public static IReadOnlyDictionary<string, Pipeline> Register()
    {
        var pipelines = new Dictionary<string, Pipeline>(StringComparer.Ordinal)
        {
            ["gated"] = Guarded("gated", Nodes.Gate, "params:gate"),
            ["flaky"] = Guarded("flaky", Nodes.Flaky, "params:gate", "params:succeed_on"),
            ["versioned"] = new(
            [
                Node.Create(Nodes.Start2, "params:seed", "versioned.value", name: "versioned_start"),
                Node.Create(Nodes.Describe, "versioned.value", "versioned_result", name: "versioned_finish"),
            ]),
            ["resumable"] = new(
            [
                Node.Create(Nodes.Start1, "params:seed", "resumable.before", name: "resumable_start"),
                Node.Create(Nodes.Gate, new[] { "resumable.before", "params:gate" }, "resumable.file_left", name: "resumable_left"),
                Node.Create(Nodes.Gate, new[] { "resumable.before", "params:gate" }, "resumable.file_right", name: "resumable_right"),
                Node.Create(Nodes.Sum, new[] { "resumable.file_left", "resumable.file_right" }, "resumable_result", name: "resumable_finish"),
            ]),
            ["memory"] = new(
            [
                Node.Create(Nodes.Start1, "params:seed", "kept_in_memory", name: "memory_start"),
                Node.Create(Nodes.Describe, "kept_in_memory", "memory_result", name: "memory_finish"),
            ]),
        };
        foreach (var (name, seed) in Dags)
        {
            pipelines[name] = RandomDag.Create(name, seed);
        }

        pipelines["__default__"] = pipelines["dag_1"];
        return pipelines;
    }

    /// <summary><c>{name}_start</c> → <c>{name}_node</c> (the special node) → <c>{name}_finish</c>, whose output is a file.</summary>
    private static Pipeline Guarded(string name, Delegate special, params string[] extraInputs) => new(
    [
        Node.Create(Nodes.Start1, "params:seed", $"{name}.before", name: $"{name}_start"),
        Node.Create(special, new[] { $"{name}.before" }.Concat(extraInputs).ToList(), $"{name}.after", name: $"{name}_node"),
        Node.Create(Nodes.Describe, $"{name}.after", $"{name}_result", name: $"{name}_finish"),
    ]);
}

/// <summary>The node functions: deterministic integer and string computations, and the gated and flaky nodes.</summary>
internal static class Nodes
{
    /// <summary>The folder of the marker files, relative to the project folder (the working directory).</summary>
    public const string MarkerFolder = "markers";

    public static long Start1(long seed) => (seed * 31) + 7;

    public static long Start2(long seed) => (seed * seed) + 3;

    public static long Start3(long seed) => (seed ^ 0x5DEECE66L) % 1_000_003;

    public static long Sum(params long[] values) => values.Sum() % 1_000_000_007;

    public static long Mix(params long[] values) => values.Aggregate(17L, static (h, v) => ((h * 1_000_003) ^ v) % 2_147_483_647);

    public static long Spread(params long[] values) => values.Max() - values.Min() + values.Length;

    public static (long Half, long Remainder) Split(params long[] values) => (values.Sum() / 2, values.Sum() % 97);

    public static string Describe(long value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value} has {Math.Abs(value).ToString(CultureInfo.InvariantCulture).Length} digits");

    /// <summary>
    /// Appends this process's id to <c>markers/{gate}.started</c>, then waits until <c>markers/{gate}.release</c>
    /// exists. Cancelled, it appends its process id to <c>markers/{gate}.cancelled</c> and ends cancelled.
    /// </summary>
    public static async Task<long> Gate(long value, string gate, CancellationToken cancellationToken)
    {
        Append($"{gate}.started");
        try
        {
            while (!File.Exists(MarkerPath($"{gate}.release")))
            {
                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Append($"{gate}.cancelled");
            throw;
        }

        return value + 1;
    }

    /// <summary>Appends this process's id to <c>markers/{gate}.attempts</c> and fails unless this is attempt <paramref name="succeedOn"/> or later.</summary>
    public static long Flaky(long value, string gate, int succeedOn)
    {
        var attempt = Append($"{gate}.attempts");
        return attempt >= succeedOn
            ? value + attempt
            : throw new InvalidOperationException($"The flaky node failed on attempt {attempt}; it succeeds on attempt {succeedOn}.");
    }

    private static string MarkerPath(string name) => Path.Combine(MarkerFolder, name);

    /// <summary>Appends a line with this process's id to a marker file; returns the file's number of lines.</summary>
    private static int Append(string name)
    {
        Directory.CreateDirectory(MarkerFolder);
        var path = MarkerPath(name);
        File.AppendAllText(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return File.ReadAllLines(path).Length;
    }
}

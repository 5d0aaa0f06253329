using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RecordBatch = Apache.Arrow.RecordBatch;
using Schema = Apache.Arrow.Schema;
using DoubleArray = Apache.Arrow.DoubleArray;
using ArrowBuffer = Apache.Arrow.ArrowBuffer;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

/// <summary>ParallelRunner: pool start-up, 100 MB hand-offs between worker processes (arrays and an Arrow table), CPU-bound speed-up, per-node overhead.</summary>
internal static class ParallelScenarios
{
    private const int HundredMegabytes = 100 * 1024 * 1024;
    private const int HandOffRounds = 11;
    private static bool ShowThreads;

    /// <summary>
    /// Runs every part, or only the one named: startup, handoff, chain, cpu. With <paramref name="threads"/>, the cpu
    /// part also lists the CPU time each thread of the parent and the workers used during the parallel run (Linux).
    /// </summary>
    public static async Task RunAsync(string? part = null, bool threads = false)
    {
        ShowThreads = threads;
        switch (part)
        {
            case null:
                await StartUpAsync();
                await HandOffAsync();
                await ChainAsync();
                await CpuAsync();
                break;
            case "startup":
                await StartUpAsync();
                break;
            case "handoff":
                await HandOffAsync();
                break;
            case "chain":
                await ChainAsync();
                break;
            case "cpu":
                await CpuAsync();
                break;
            default:
                throw new ArgumentException($"Unknown part '{part}' of the parallel scenario. Expected one of: startup, handoff, chain, cpu.");
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>CPU time (user + system) of this process and the runner's live workers, so figures from a loaded machine can be judged.</summary>
    private static TimeSpan Cpu(ParallelRunner runner)
    {
        var total = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var id in runner.WorkerProcessIds)
        {
            try
            {
                using var worker = Process.GetProcessById(id);
                total += worker.TotalProcessorTime;
            }
            catch (ArgumentException)
            {
                // gone
            }
        }

        return total;
    }

    /// <summary>Time from creating the runner to two ready workers (the worker assembly is already extracted after the first).</summary>
    private static async Task StartUpAsync()
    {
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var sw = Stopwatch.StartNew();
            await using var runner = new ParallelRunner(maxWorkers: 2);
            await runner.StartWorkersAsync(2);
            times.Add(sw.Elapsed.TotalSeconds);
        }

        Console.WriteLine(F($"pool start-up, 2 workers: first {times[0]:F3} s, then median {Median(times.Skip(1)):F3} s, best {times.Skip(1).Min():F3} s"));
    }

    private static (double[] Data, long Start, int Pid) MakeDoubles()
    {
        var data = GC.AllocateUninitializedArray<double>(HundredMegabytes / sizeof(double));
        data.AsSpan().Fill(1.5);
        return (data, Stopwatch.GetTimestamp(), Environment.ProcessId);
    }

    private static (byte[] Data, long Start, int Pid) MakeBytes()
    {
        var data = GC.AllocateUninitializedArray<byte>(HundredMegabytes);
        data.AsSpan().Fill(7);
        return (data, Stopwatch.GetTimestamp(), Environment.ProcessId);
    }

    /// <summary>A 100 MB Arrow table: 13,107,200 rows of one double column.</summary>
    private static (RecordBatch Data, long Start, int Pid) MakeArrow()
    {
        var bytes = GC.AllocateUninitializedArray<byte>(HundredMegabytes);
        MemoryMarshal.Cast<byte, double>(bytes.AsSpan()).Fill(1.5);
        var rows = HundredMegabytes / sizeof(double);
        var column = new DoubleArray(new ArrowBuffer(bytes), ArrowBuffer.Empty, rows, 0, 0);
        var schema = new Schema.Builder().Field(f => f.Name("x").DataType(Apache.Arrow.Types.DoubleType.Default).Nullable(false)).Build();
        return (new RecordBatch(schema, [column], rows), Stopwatch.GetTimestamp(), Environment.ProcessId);
    }

    /// <summary>Seconds from the producer returning to the consumer holding the value, and whether it ran in another process.</summary>
    private static double[] Receive(Array data, long start, int pid)
    {
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return [elapsed, pid != Environment.ProcessId ? 1 : 0, data.Length];
    }

    /// <summary>As <see cref="Receive"/>, for a table; the last figure says whether its column is read in place from the shared segment.</summary>
    private static double[] ReceiveArrow(RecordBatch data, long start, int pid)
    {
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var values = data.Column(0).Data.Buffers[1].Memory;
        var inPlace = MemoryMarshal.TryGetMemoryManager(values, out MemoryManager<byte>? manager)
            && manager is Kedro.WorkerProcesses.SharedMemory.MappedSegment { IsReleased: false };
        return [elapsed, pid != Environment.ProcessId ? 1 : 0, data.Length, inPlace ? 1 : 0];
    }

    private static async Task HandOffAsync()
    {
        await using var runner = new ParallelRunner(maxWorkers: 2);
        await runner.StartWorkersAsync(2);
        var cases = new (string, Delegate, Delegate)[]
        {
            ("double[]", MakeDoubles, Receive), ("byte[]", MakeBytes, Receive), ("Arrow RecordBatch (13,107,200 doubles)", MakeArrow, ReceiveArrow),
        };
        foreach (var (label, make, receive) in cases)
        {
            var times = new List<double>();
            var cpu = new List<double>();
            var crossed = true;
            var inPlace = true;
            for (var i = 0; i < HandOffRounds; i++)
            {
                var pipeline = new Pipeline(
                [
                    Node.Create(make, null, new[] { "data", "start", "pid" }, name: "produce"),
                    Node.Create(receive, new[] { "data", "start", "pid" }, "measured", name: "consume"),
                ]);
                var cpu0 = Cpu(runner);
                var result = await runner.RunAsync(pipeline, new DataCatalog());
                cpu.Add((Cpu(runner) - cpu0).TotalSeconds);
                var measured = (double[])result["measured"].Load()!;
                times.Add(measured[0]);
                crossed &= measured[1] == 1;
                inPlace &= measured.Length < 4 || measured[3] == 1;
            }

            var median = Median(times.Skip(1));
            var best = times.Skip(1).Min();
            var arrow = label.StartsWith("Arrow", StringComparison.Ordinal);
            var reading = arrow ? F($" | read in place from the segment: {inPlace}") : string.Empty;
            Console.WriteLine(F($"| 100 MB {label} | ParallelRunner(2) | median {median:F3} s, best {best:F3} s of {times.Count - 1} | {100 / 1.048576 / best / 1000:F2} GB/s at best | other process: {crossed} | CPU of the whole run (producing included) median {Median(cpu.Skip(1)):F3} s{reading} |"));
            if (arrow)
            {
                ArrowSegmentHalves();
            }
        }
    }

    /// <summary>
    /// The Arrow hand-off's two halves in this process: the producer's write of the 100 MB table into a new segment, and
    /// the consumer's load of it in place (map, read the IPC metadata); medians of 10 after a first round.
    /// </summary>
    private static void ArrowSegmentHalves()
    {
        var table = MakeArrow().Data;
        using var manager = new SharedMemoryManager();
        var writes = new List<double>();
        var reads = new List<double>();
        for (var i = 0; i < HandOffRounds; i++)
        {
            var dataset = new SharedMemoryDataset();
            dataset.SetManager(manager);
            var sw = Stopwatch.StartNew();
            dataset.Save(table);
            writes.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var loaded = (RecordBatch)dataset.Load(typeof(RecordBatch))!;
            reads.Add(sw.Elapsed.TotalMilliseconds);
            if (loaded.Length != table.Length)
            {
                throw new InvalidOperationException("The table did not come back whole.");
            }

            dataset.Release();
        }

        Console.WriteLine(F($"|   its halves in one process | write into a new segment: median {Median(writes.Skip(1)):F1} ms, best {writes.Skip(1).Min():F1} ms | read in place: median {Median(reads.Skip(1)):F2} ms, best {reads.Skip(1).Min():F2} ms |"));
    }

    private static int Inc(int x) => x + 1;

    private static Pipeline Chain(int n) => new(Enumerable.Range(0, n).Select(i => Node.Create(Inc, $"d{i}", $"d{i + 1}", name: $"n{i:D5}")));

    private static async Task ChainAsync()
    {
        await using var runner = new ParallelRunner(maxWorkers: 2);
        await runner.StartWorkersAsync(2);
        for (var i = 0; i < 3; i++)
        {
            await runner.RunAsync(Chain(100), new DataCatalog(new Dictionary<string, IDataset> { ["d0"] = new MemoryDataset(0) }));
        }

        var times = new List<double>();
        var cpu = new List<double>();
        foreach (var n in new[] { 100, 1000, 1000, 1000, 1000, 1000 })
        {
            var pipeline = Chain(n);
            var cpu0 = Cpu(runner);
            var sw = Stopwatch.StartNew();
            var result = await runner.RunAsync(pipeline, new DataCatalog(new Dictionary<string, IDataset> { ["d0"] = new MemoryDataset(0) }));
            var elapsed = sw.Elapsed.TotalSeconds;
            var used = (Cpu(runner) - cpu0).TotalSeconds;
            if (!Equals(result[$"d{n}"].Load(), n))
            {
                throw new InvalidOperationException("wrong chain result");
            }

            if (n == 100)
            {
                Console.WriteLine(F($"| chain | Parallel (2 workers) | 100 | {elapsed:F3} s | {elapsed * 1e4:F0} µs |"));
            }
            else
            {
                times.Add(elapsed);
                cpu.Add(used);
            }
        }

        var median = Median(times);
        Console.WriteLine(F($"| chain | Parallel (2 workers) | 1,000 | median {median:F3} s, best {times.Min():F3} s | {median * 1e3:F0} µs | CPU (parent + workers) median {Median(cpu):F3} s |"));
    }

    private static double Burn(int seed)
    {
        var x = seed + 0.5;
        for (var i = 0; i < 400_000_000; i++)
        {
            x = (x * 1.000000001) + 1e-9;
        }

        return x;
    }

    /// <summary>One CPU-bound node: its result, its wall time and the CPU time of the thread that ran it.</summary>
    private static double[] TimedBurn(int seed)
    {
        var cpu0 = ThreadCpuSeconds();
        var start = Stopwatch.GetTimestamp();
        var x = Burn(seed);
        return [x, Stopwatch.GetElapsedTime(start).TotalSeconds, ThreadCpuSeconds() - cpu0];
    }

    /// <summary>User + system time of the calling thread (Linux), or NaN.</summary>
    private static double ThreadCpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/thread-self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static Pipeline Eight() => new(Enumerable.Range(0, 8).Select(i => Node.Create(TimedBurn, $"seed{i}", $"out{i}", name: $"burn{i}")));

    private static DataCatalog Seeds() => new(Enumerable.Range(0, 8).ToDictionary(i => $"seed{i}", i => (IDataset)new MemoryDataset(i)));

    /// <summary>The nodes' own wall and thread CPU times, summed over the eight nodes.</summary>
    private static string NodeTimes(IReadOnlyDictionary<string, IDataset> outputs)
    {
        var nodes = Enumerable.Range(0, 8).Select(i => (double[])outputs[$"out{i}"].Load()!).ToList();
        return F($"nodes: wall {nodes.Sum(n => n[1]):F2} s, thread CPU {nodes.Sum(n => n[2]):F2} s");
    }

    /// <summary>CPU time, in clock ticks of 10 ms, of each thread of this process and the workers, keyed "pid tid name".</summary>
    private static Dictionary<string, long> ThreadTicks(ParallelRunner runner)
    {
        var result = new Dictionary<string, long>();
        foreach (var id in runner.WorkerProcessIds.Prepend(Environment.ProcessId))
        {
            foreach (var t in Directory.GetDirectories($"/proc/{id}/task"))
            {
                var stat = File.ReadAllText(t + "/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                result[$"{id} {Path.GetFileName(t)} {File.ReadAllText(t + "/comm").Trim()}"] = ticks;
            }
        }

        return result;
    }

    private static async Task CpuAsync()
    {
        var sequentialCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var sequentialOutputs = new SequentialRunner().Run(Eight(), Seeds());
        var sequential = sw.Elapsed.TotalSeconds;
        var sequentialCpu = (Process.GetCurrentProcess().TotalProcessorTime - sequentialCpu0).TotalSeconds;
        await using var runner = new ParallelRunner(maxWorkers: 2);
        await runner.StartWorkersAsync(2);
        var threads0 = ShowThreads ? ThreadTicks(runner) : [];
        var cpu0 = Cpu(runner);
        sw.Restart();
        var parallelOutputs = await runner.RunAsync(Eight(), Seeds());
        var parallel = sw.Elapsed.TotalSeconds;
        var parallelCpu = (Cpu(runner) - cpu0).TotalSeconds;
        if (ShowThreads)
        {
            foreach (var (key, ticks) in ThreadTicks(runner))
            {
                var before = threads0.GetValueOrDefault(key);
                if (ticks - before > 0)
                {
                    Console.WriteLine(F($"thread {key}: {(ticks - before) / 100.0:F2} s"));
                }
            }
        }

        // The same pipeline again on the same workers: what is left once each worker has run a node of this kind.
        cpu0 = Cpu(runner);
        sw.Restart();
        var warmOutputs = await runner.RunAsync(Eight(), Seeds());
        var warm = sw.Elapsed.TotalSeconds;
        var warmCpu = (Cpu(runner) - cpu0).TotalSeconds;
        Console.WriteLine(F($"| Sequential | {sequential:F2} s | 1.00× | CPU {sequentialCpu:F2} s | {NodeTimes(sequentialOutputs)} |"));
        Console.WriteLine(F($"| ParallelRunner(2), new workers | {parallel:F2} s | {sequential / parallel:F2}× | CPU {parallelCpu:F2} s | {NodeTimes(parallelOutputs)} |"));
        Console.WriteLine(F($"| ParallelRunner(2), second run | {warm:F2} s | {sequential / warm:F2}× | CPU {warmCpu:F2} s | {NodeTimes(warmOutputs)} |"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

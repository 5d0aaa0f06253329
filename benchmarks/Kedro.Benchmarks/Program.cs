// Kedro.NET benchmarks: run as a user would, `dotnet run -c Release --project benchmarks/Kedro.Benchmarks -- <scenario>`.
// Scenarios: scheduling, cold, cpu, io, memory, parallel, tables, partitions, sql, hangfire, all; `interleave` times whole commands taking turns. Results are printed as Markdown rows for docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

var scenario = args.Length > 0 ? args[0] : "all";
switch (scenario)
{
    case "scheduling":
        Scheduling.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
        break;
    case "cpu":
        Cpu.Run();
        break;
    case "io":
        await Io.RunAsync();
        break;
    case "memory":
        Memory.Run();
        break;
    case "memory-kedro":
        Memory.Child(useKedro: true);
        break;
    case "memory-loop":
        Memory.Child(useKedro: false);
        break;
    case "parallel":
        await ParallelScenarios.RunAsync(args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)), args.Contains("--threads"));
        break;
    case "cold":
        ColdStart.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
        break;
    case "cold-child":
        ColdStart.Child(int.Parse(args[1], CultureInfo.InvariantCulture));
        break;
    case "interleave":
        return Interleave.Run(args[1..]);
    case "tables":
        return TableScenarios.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
    case "partitions":
        return PartitionScenarios.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15);
    case "sql":
        // sql [ROUNDS] [ROWS] [ENGINE...]: SQLite, PostgreSQL and DuckDB by default.
        return SqlScenarios.Run(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000,
            args.Length > 3 ? args[3..] : SqlScenarios.Engines);
    case "hangfire":
        // hangfire [dag20|chain100] [RUNS]: HangfireRunner on 3 worker processes against ThreadRunner; the first run is the cold one.
        return await HangfireScenarios.RunAsync(args[1..]);
    case "hangfire-worker":
        return await HangfireScenarios.WorkerAsync(args[1..]);
    case "hangfire-run":
        return await HangfireScenarios.CommandRunAsync(args[1..]);
    case "all":
        Scheduling.Run(100_000);
        ColdStart.Run(10_000);
        Cpu.Run();
        await Io.RunAsync();
        Memory.Run();
        await ParallelScenarios.RunAsync();
        break;
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Expected one of: scheduling, cold, cpu, io, memory, parallel, tables, partitions, sql, hangfire, all.");
        return 2;
}

return 0;

/// <summary>Chains and fan-outs of trivial nodes: the scheduler's own cost per node.</summary>
internal static class Scheduling
{
    private static int Inc(int x) => x + 1;

    private static int Source() => 1;

    public static Pipeline Chain(int n)
    {
        var nodes = new Node[n];
        for (var i = 0; i < n; i++)
        {
            nodes[i] = Node.Create(Inc, $"d{i}", $"d{i + 1}", name: $"n{i:D6}");
        }

        return new Pipeline(nodes);
    }

    public static Pipeline FanOut(int n)
    {
        var nodes = new Node[n + 1];
        nodes[0] = Node.Create(Source, null, "root", name: "source");
        for (var i = 0; i < n; i++)
        {
            nodes[i + 1] = Node.Create(Inc, "root", $"leaf{i}", name: $"n{i:D6}");
        }

        return new Pipeline(nodes);
    }

    private static DataCatalog CatalogFor(Pipeline pipeline) =>
        pipeline.Inputs().Contains("d0")
            ? new DataCatalog(new Dictionary<string, IDataset> { ["d0"] = new MemoryDataset(0) })
            : new DataCatalog();

    public static void Run(int max)
    {
        Console.WriteLine("| shape | runner | nodes | build | run (median of 3) | per node |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (shape, make) in new (string, Func<int, Pipeline>)[] { ("chain", Chain), ("fan-out", FanOut) })
        {
            for (var n = 1_000; n <= max; n *= 10)
            {
                var sw = Stopwatch.StartNew();
                var pipeline = make(n);
                var build = sw.Elapsed;
                foreach (var (runnerName, runner) in new (string, Func<AbstractRunner>)[]
                         {
                             ("Sequential", () => new SequentialRunner()),
                             ("Thread", () => new ThreadRunner()),
                         })
                {
                    // Warm-up: long enough for the JIT to finish tiering the hot paths, as in a long-lived process.
                    for (var w = 0; w < 5; w++)
                    {
                        runner().Run(pipeline, CatalogFor(pipeline));
                    }

                    Thread.Sleep(200);
                    var times = new List<double>();
                    for (var r = 0; r < 3; r++)
                    {
                        var catalog = CatalogFor(pipeline);
                        sw.Restart();
                        runner().Run(pipeline, catalog);
                        times.Add(sw.Elapsed.TotalSeconds);
                    }

                    times.Sort();
                    var median = times[1];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {shape} | {runnerName} | {n:N0} | {build.TotalSeconds:F3} s | {median:F3} s | {median / n * 1e6:F2} µs |"));
                }
            }
        }
    }
}

/// <summary>
/// The first run of a chain in a fresh process, as a command-line run does it: every runner method is compiled (or
/// its ReadyToRun code loaded) during the run. Each measurement is a new process; building the pipeline is not timed.
/// </summary>
internal static class ColdStart
{
    private const int Processes = 7;

    public static void Child(int n)
    {
        var pipeline = Scheduling.Chain(n);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["d0"] = new MemoryDataset(0) });
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var outputs = new SequentialRunner().Run(pipeline, catalog);
        var elapsed = sw.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        if (!Equals(outputs[$"d{n}"].Load(), n))
        {
            throw new InvalidOperationException("wrong chain result");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed:R} {cpu:R}"));
    }

    public static void Run(int n)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < Processes; i++)
        {
            var self = Environment.ProcessPath!;
            var info = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                info.ArgumentList.Add(typeof(ColdStart).Assembly.Location);
            }

            info.ArgumentList.Add("cold-child");
            info.ArgumentList.Add(n.ToString(CultureInfo.InvariantCulture));
            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var parts = text.Split(' ');
            times.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            cpu.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        times.Sort();
        cpu.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| chain, first run in a fresh process | Sequential | {n:N0} | median {median:F3} s, best {times[0]:F3} s ({Processes} processes) | {median / n * 1e6:F2} µs | CPU median {cpu[cpu.Count / 2]:F3} s |"));
    }
}

/// <summary>Eight independent CPU-bound nodes of about a second each.</summary>
internal static class Cpu
{
    private static double Burn(int seed)
    {
        // About one second of floating-point work on this kind of machine; no allocation, no I/O.
        var x = seed + 0.5;
        for (var i = 0; i < 400_000_000; i++)
        {
            x = (x * 1.000000001) + 1e-9;
        }

        return x;
    }

    private static Pipeline Eight() => new(Enumerable.Range(0, 8)
        .Select(i => Node.Create(Burn, $"seed{i}", $"out{i}", name: $"burn{i}")));

    private static DataCatalog Seeds() => new(Enumerable.Range(0, 8)
        .ToDictionary(i => $"seed{i}", i => (IDataset)new MemoryDataset(i)));

    public static void Run()
    {
        var sw = Stopwatch.StartNew();
        Burn(0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one node alone: {sw.Elapsed.TotalSeconds:F2} s"));
        sw.Restart();
        new SequentialRunner().Run(Eight(), Seeds());
        var sequential = sw.Elapsed.TotalSeconds;
        sw.Restart();
        new ThreadRunner(maxWorkers: Environment.ProcessorCount).Run(Eight(), Seeds());
        var threaded = sw.Elapsed.TotalSeconds;
        Console.WriteLine("| runner | time | speed-up over Sequential |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Sequential | {sequential:F2} s | 1.00× |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| ThreadRunner({Environment.ProcessorCount}) | {threaded:F2} s | {sequential / threaded:F2}× |"));
    }
}

/// <summary>Nodes that wait on I/O: blocking sleeps on threads, and awaited delays that hold no thread.</summary>
internal static class Io
{
    private static int Wait(int x)
    {
        Thread.Sleep(1000);
        return x;
    }

    private static async Task<int> WaitAsync(int x, CancellationToken cancellationToken)
    {
        await Task.Delay(1000, cancellationToken);
        return x;
    }

    private static Pipeline Many(int n, Delegate func) => new(Enumerable.Range(0, n)
        .Select(i => Node.Create(func, "start", $"out{i}", name: $"wait{i:D4}")));

    private static DataCatalog Start() => new(new Dictionary<string, IDataset> { ["start"] = new MemoryDataset(1) });

    public static async Task RunAsync()
    {
        var sw = Stopwatch.StartNew();
        new ThreadRunner(maxWorkers: 8).Run(Many(8, Wait), Start());
        var blocking = sw.Elapsed.TotalSeconds;
        sw.Restart();
        await new ThreadRunner().RunAsync(Many(1_000, WaitAsync), Start());
        var awaiting = sw.Elapsed.TotalSeconds;
        Console.WriteLine("| what | time |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 8 nodes sleeping 1 s, ThreadRunner(8) | {blocking:F2} s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| 1,000 async nodes awaiting 1 s, ThreadRunner() | {awaiting:F2} s |"));
    }
}

/// <summary>Peak memory of a 20-node chain of 50 MB arrays, against the same computation as a plain loop.</summary>
internal static class Memory
{
    private const int Length = 50 * 1024 * 1024 / sizeof(double);
    private const int Steps = 20;

    private static double[] Step(double[] input)
    {
        var output = new double[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = input[i] + 1;
        }

        return output;
    }

    private static double[] First()
    {
        var data = new double[Length];
        Array.Fill(data, 1.0);
        return data;
    }

    public static void Child(bool useKedro)
    {
        double last;
        if (useKedro)
        {
            var nodes = new List<Node> { Node.Create(First, null, "a0", name: "first") };
            for (var i = 0; i < Steps; i++)
            {
                nodes.Add(Node.Create(Step, $"a{i}", $"a{i + 1}", name: $"step{i:D2}"));
            }

            var outputs = new SequentialRunner().Run(new Pipeline(nodes), new DataCatalog());
            last = ((double[])outputs[$"a{Steps}"].Load()!)[0];
        }
        else
        {
            var data = First();
            for (var i = 0; i < Steps; i++)
            {
                data = Step(data);
            }

            last = data[0];
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{PeakMegabytes():F0} {last}"));
    }

    private static double PeakMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }

    public static void Run()
    {
        var kedro = Measure("memory-kedro");
        var loop = Measure("memory-loop");
        Console.WriteLine("| variant | peak resident memory |");
        Console.WriteLine("|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| SequentialRunner, 20-node chain | {kedro:F0} MB |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plain C# loop | {loop:F0} MB |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ratio | {kedro / loop:F2}× |"));
    }

    private static double Measure(string child)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(Memory).Assembly.Location);
        }

        info.ArgumentList.Add(child);
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Kedro.Cli;
using Kedro.Framework;
using Kedro.Hangfire;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing;
using Kedro.Testing.Postgres;

/// <summary>
/// HangfireRunner as a user runs it: a throwaway project folder, a PostgreSQL (the tests' throwaway server, or the one
/// named by KEDRO_TEST_POSTGRES_URL), three worker processes of this program (<c>hangfire-worker</c>, which is
/// <c>worker --workers 2</c> of a Kedro.NET project), started and ready before anything is timed, and this process as
/// the driver: each run is a fresh <see cref="KedroSession"/> and a fresh <see cref="HangfireRunner"/> with the options
/// of the project's configuration, as <c>run --runner HangfireRunner</c> makes them. The same pipelines on ThreadRunner
/// in this process are the reference. Every node's way is traced with the system's monotonic clock (shared by all
/// processes): the driver's before/after_node_run hooks and the workers' dataset hooks.
/// </summary>
internal static class HangfireScenarios
{
    public static readonly string[] Scenarios = ["dag20", "chain100"];

    private const int WorkerProcesses = 3;
    private const int WorkersPerProcess = 2;
    private const int Layers = 5;
    private const int Width = 4;
    private const int ChainLength = 100;
    private static readonly TimeSpan NodeDelay = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);

    /// <summary>The project's pipelines, the same in the driver and in every worker.</summary>
    public static IReadOnlyDictionary<string, Pipeline> Pipelines() => new Dictionary<string, Pipeline>(StringComparer.Ordinal)
    {
        ["dag20"] = Dag20(),
        ["chain100"] = Chain100(),
    };

    /// <summary>Five layers of four nodes; each node waits on all four of the layer before, then awaits 300 ms (no thread held).</summary>
    private static Pipeline Dag20()
    {
        var nodes = new List<Node>();
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var i = 0; i < Width; i++)
            {
                var output = $"l{layer}_{i}";
                var name = $"dag_l{layer}_n{i}";
                nodes.Add(layer == 0
                    ? Node.Create(FirstLayerAsync, "params:start", output, name: name)
                    : Node.Create(NextLayerAsync, Enumerable.Range(0, Width).Select(j => $"l{layer - 1}_{j}").ToArray(), output, name: name));
            }
        }

        return new Pipeline(nodes);
    }

    private static async Task<int> FirstLayerAsync(int start, CancellationToken cancellationToken)
    {
        await Task.Delay(NodeDelay, cancellationToken).ConfigureAwait(false);
        return start + 1;
    }

    private static async Task<int> NextLayerAsync(int a, int b, int c, int d, CancellationToken cancellationToken)
    {
        await Task.Delay(NodeDelay, cancellationToken).ConfigureAwait(false);
        return a + b + c + d + 1;
    }

    /// <summary>A chain of 100 trivial nodes, <c>x + 1</c>, from the parameter <c>start</c> (0).</summary>
    private static Pipeline Chain100()
    {
        var nodes = new Node[ChainLength];
        for (var i = 0; i < ChainLength; i++)
        {
            nodes[i] = Node.Create(Inc, i == 0 ? "params:start" : $"c{i}", $"c{i + 1}", name: $"chain_{i:D3}");
        }

        return new Pipeline(nodes);
    }

    private static int Inc(int x) => x + 1;

    /// <summary>What each scenario must return: its free outputs and their values.</summary>
    private static Dictionary<string, int> Expected(string scenario)
    {
        if (scenario == "chain100")
        {
            return new Dictionary<string, int>(StringComparer.Ordinal) { [$"c{ChainLength}"] = ChainLength };
        }

        var value = 1;
        for (var layer = 1; layer < Layers; layer++)
        {
            value = (Width * value) + 1;
        }

        return Enumerable.Range(0, Width).ToDictionary(i => $"l{Layers - 1}_{i}", _ => value, StringComparer.Ordinal);
    }

    /// <summary><c>hangfire-worker PROJECT [worker options]</c>: the project's <c>worker</c> command; stops when its standard input closes.</summary>
    public static async Task<int> WorkerAsync(string[] args)
    {
        var projectPath = args[0];
        var stop = new CancellationTokenSource();
        var watch = new Thread(() =>
        {
            // The benchmark holds the other end: end of input means it stopped us or it is gone.
            try
            {
                while (Console.In.ReadLine() is not null)
                {
                }
            }
            catch (IOException)
            {
            }

            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        })
        { IsBackground = true };
        watch.Start();
        var trace = new WorkerTrace(Path.Combine(projectPath, "trace"));
        return await KedroProject.RunAsync(
            ["worker", .. args[1..]],
            project => project.AddPipelines(Pipelines).AddHangfire().AddHooks(trace).WithProjectPath(projectPath),
            stop.Token).ConfigureAwait(false);
    }

    /// <summary><c>hangfire-run PROJECT PIPELINE</c>: the project's <c>run --runner HangfireRunner --pipeline PIPELINE</c>.</summary>
    public static Task<int> CommandRunAsync(string[] args) =>
        KedroProject.RunAsync(
            ["run", "--runner", "HangfireRunner", "--pipeline", args[1]],
            project => project.AddPipelines(Pipelines).AddHangfire().WithProjectPath(args[0]));

    /// <summary>
    /// <c>hangfire [dag20|chain100] [runs] [poll_interval=SECONDS]</c>; a <c>poll_interval</c> goes to the project's
    /// <c>conf/base/hangfire.yml</c> (the default of HangfireOptions otherwise).
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var scenarios = Scenarios;
        var runs = 8;
        string? poll = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("poll_interval=", StringComparison.Ordinal)
                && double.TryParse(arg["poll_interval=".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                poll = seconds.ToString(CultureInfo.InvariantCulture);
            }
            else if (int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 2)
            {
                runs = count;
            }
            else if (Scenarios.Contains(arg))
            {
                scenarios = [arg];
            }
            else
            {
                Console.Error.WriteLine($"Unknown argument '{arg}' of 'hangfire': expected a scenario ({string.Join(", ", Scenarios)}), a number of runs (2 or more; the first is the cold one) and/or poll_interval=SECONDS.");
                return 2;
            }
        }

        using var cancel = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancel.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        Console.WriteLine($"load average at start: {LoadAverage()} ({Environment.ProcessorCount} cores)");
        using var project = new TempFolder("kedro-bench-hangfire");
        var connection = PostgresServer.Shared.CreateDatabaseConnectionString();
        project.Write("conf/base/catalog.yml", "{}\n");
        project.Write("conf/base/parameters.yml", "start: 0\n");
        if (poll is not null)
        {
            project.Write("conf/base/hangfire.yml", $"poll_interval: {poll}\n");
        }

        project.Write("conf/local/credentials.yml", $"hangfire:\n  connection: \"{connection}\"\n");
        var workers = new List<WorkerProcess>();
        try
        {
            // The first worker creates Hangfire's schema; the others start once it exists.
            workers.Add(WorkerProcess.Start(project.Path));
            await workers[0].Started.WaitAsync(StartBound, cancel.Token).ConfigureAwait(false);
            for (var i = 1; i < WorkerProcesses; i++)
            {
                workers.Add(WorkerProcess.Start(project.Path));
            }

            await Task.WhenAll(workers.Select(w => w.Started)).WaitAsync(StartBound, cancel.Token).ConfigureAwait(false);
            Console.WriteLine($"{WorkerProcesses} worker processes started (worker --workers {WorkersPerProcess}, poll_interval {poll ?? "default"}); load average: {LoadAverage()}");
            Console.WriteLine();
            Console.WriteLine("| scenario | runner | first run (cold) | warm: median | warm: best | warm runs | load average before → after |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            var traces = new List<(string Scenario, List<(long Start, long End)> Windows)>();
            foreach (var scenario in scenarios)
            {
                var before = LoadAverage();
                var reference = await MeasureAsync(project.Path, scenario, runs, hangfire: false, cancel.Token).ConfigureAwait(false);
                Row(scenario, "ThreadRunner (this process)", reference.Seconds, before, LoadAverage());
                // Warms the workers up: the command a user types, in a fresh process (its time includes the process's start).
                before = LoadAverage();
                var command = await RunCommandAsync(project.Path, scenario, cancel.Token).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {scenario} | `run --runner HangfireRunner` in a fresh process, whole command (warms the workers up) | {command:F3} s | | | | {before} → {LoadAverage()} |"));
                before = LoadAverage();
                var distributed = await MeasureAsync(project.Path, scenario, runs, hangfire: true, cancel.Token).ConfigureAwait(false);
                Row(scenario, $"HangfireRunner ({WorkerProcesses} processes × {WorkersPerProcess} workers)", distributed.Seconds, before, LoadAverage());
                if (scenario == "dag20")
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {scenario} | floor: {Layers} layers × {NodeDelay.TotalMilliseconds:F0} ms | {Layers * NodeDelay.TotalSeconds:F3} s | | | | |"));
                }

                traces.Add((scenario, distributed.Windows));
            }

            Console.WriteLine();
            PrintTrace(Path.Combine(project.Path, "trace"), traces);
            return 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled: stopping the workers and the PostgreSQL server.");
            return 130;
        }
        catch (TimeoutException)
        {
            foreach (var worker in workers)
            {
                Console.Error.WriteLine($"worker {worker.Id}:{Environment.NewLine}{worker.Output}");
            }

            throw;
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.StopAsync())).ConfigureAwait(false);
        }
    }

    private static async Task<double> RunCommandAsync(string projectPath, string scenario, CancellationToken cancellationToken)
    {
        var info = SelfStart("hangfire-run", projectPath, scenario);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`run --runner HangfireRunner --pipeline {scenario}` exited with code {process.ExitCode}:{Environment.NewLine}{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
        }

        return seconds;
    }

    /// <summary>This program with <paramref name="arguments"/>, its input and output redirected.</summary>
    private static ProcessStartInfo SelfStart(params string[] arguments)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(HangfireScenarios).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static async Task<(List<double> Seconds, List<(long Start, long End)> Windows)> MeasureAsync(
        string projectPath, string scenario, int runs, bool hangfire, CancellationToken cancellationToken)
    {
        var settings = new ProjectSettings { Pipelines = new PipelineRegistry(Pipelines) };
        settings.ConfigPatterns[HangfireOptions.ConfigKey] = HangfireOptions.ConfigPatterns;
        if (hangfire)
        {
            settings.Hooks.Add(new DriverTrace(Path.Combine(projectPath, "trace")));
        }

        var seconds = new List<double>();
        var windows = new List<(long, long)>();
        var expected = Expected(scenario);
        for (var run = 0; run < runs; run++)
        {
            using var session = KedroSession.Create(settings, projectPath);
            var start = Stopwatch.GetTimestamp();
            IReadOnlyDictionary<string, IDataset> outputs;
            if (hangfire)
            {
                // As `run --runner HangfireRunner` does: the options of the project's configuration, a runner per run.
                var options = HangfireOptions.FromConfiguration(session.LoadContext());
                var runner = new HangfireRunner(options);
                await using (runner.ConfigureAwait(false))
                {
                    outputs = await session.RunAsync(new RunOptions { Runner = runner, PipelineNames = [scenario] }, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                outputs = await session.RunAsync(new RunOptions { Runner = new ThreadRunner(), PipelineNames = [scenario] }, cancellationToken).ConfigureAwait(false);
            }

            var end = Stopwatch.GetTimestamp();
            seconds.Add(Stopwatch.GetElapsedTime(start, end).TotalSeconds);
            windows.Add((start, end));
            foreach (var (name, value) in expected)
            {
                var got = outputs.TryGetValue(name, out var dataset) ? dataset.Load() : "nothing";
                if (!Equals(got, value))
                {
                    throw new InvalidOperationException($"{scenario} on {(hangfire ? "HangfireRunner" : "ThreadRunner")}: output '{name}' is {got}, expected {value}.");
                }
            }
        }

        return (seconds, windows);
    }

    private static void Row(string scenario, string runner, List<double> seconds, string before, string after)
    {
        var warm = seconds.Skip(1).Order().ToList();
        var median = warm.Count % 2 == 1 ? warm[warm.Count / 2] : (warm[(warm.Count / 2) - 1] + warm[warm.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {runner} | {seconds[0]:F3} s | {median:F3} s | {warm[0]:F3} s | {string.Join(", ", seconds.Skip(1).Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))} | {before} → {after} |"));
    }

    /// <summary>
    /// Where a node's time goes, in the first run and in the warm runs (medians over nodes and runs): from the driver's before_node_run (the job
    /// is created right after) to the worker's first input load; on the worker, from that load to its last output saved;
    /// from that save to the driver's after_node_run (the worker's notification heard).
    /// </summary>
    private static void PrintTrace(string folder, List<(string Scenario, List<(long Start, long End)> Windows)> traces)
    {
        var events = Directory.EnumerateFiles(folder, "*.log")
            .SelectMany(f =>
            {
                using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
            })
            .Select(line => line.Split(' '))
            .Select(p => (Time: long.Parse(p[0], CultureInfo.InvariantCulture), Kind: p[1], Node: p[2]))
            .ToList();
        Console.WriteLine("Per node (medians; p90 in brackets):");
        Console.WriteLine();
        Console.WriteLine("| scenario | driver hook → worker loads inputs (job created, picked up, started) | on the worker: load, run, save | saved → driver hears of it (notification) | whole node, driver's view | run start → first node submitted | last node heard → run end |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (scenario, windows, cold) in traces.SelectMany(t => new[] { (t.Scenario, t.Windows.Take(1), true), (t.Scenario, t.Windows.Skip(1), false) }))
        {
            var toWorker = new List<double>();
            var onWorker = new List<double>();
            var back = new List<double>();
            var whole = new List<double>();
            var head = new List<double>();
            var tail = new List<double>();
            foreach (var (start, end) in windows)
            {
                var driver = events.Where(e => e.Time >= start && e.Time <= end && (e.Kind == "submit" || e.Kind == "notified")).Select(e => e.Time).ToList();
                if (driver.Count > 0)
                {
                    head.Add(Stopwatch.GetElapsedTime(start, driver.Min()).TotalMilliseconds);
                    tail.Add(Stopwatch.GetElapsedTime(driver.Max(), end).TotalMilliseconds);
                }

                var inRun = events.Where(e => e.Time >= start && e.Time <= end).GroupBy(e => e.Node);
                foreach (var node in inRun)
                {
                    long? First(string kind) => node.Where(e => e.Kind == kind).Select(e => (long?)e.Time).Min();
                    long? Last(string kind) => node.Where(e => e.Kind == kind).Select(e => (long?)e.Time).Max();
                    if (First("submit") is not { } submit || First("load") is not { } load || Last("saved") is not { } saved || First("notified") is not { } notified)
                    {
                        continue;
                    }

                    toWorker.Add(Stopwatch.GetElapsedTime(submit, load).TotalMilliseconds);
                    onWorker.Add(Stopwatch.GetElapsedTime(load, saved).TotalMilliseconds);
                    back.Add(Stopwatch.GetElapsedTime(saved, notified).TotalMilliseconds);
                    whole.Add(Stopwatch.GetElapsedTime(submit, notified).TotalMilliseconds);
                }
            }

            Console.WriteLine($"| {scenario}, {(cold ? "first run" : "warm runs")} ({whole.Count} nodes) | {Describe(toWorker)} | {Describe(onWorker)} | {Describe(back)} | {Describe(whole)} | {Describe(head)} | {Describe(tail)} |");
        }
    }

    private static string Describe(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return "–";
        }

        var sorted = milliseconds.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Count / 2]:F1} ms ({sorted[(int)(sorted.Count * 0.9)]:F1})");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>One line per event, <c>TIMESTAMP KIND NODE</c>, to a file of this process's own in the trace folder.</summary>
    private class TraceFile(string folder)
    {
        private readonly Lock _lock = new();
        private readonly string _path = Path.Combine(folder, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".log");

        protected void Write(string kind, Node node)
        {
            var time = Stopwatch.GetTimestamp();
            lock (_lock)
            {
                Directory.CreateDirectory(folder);
                File.AppendAllText(_path, string.Create(CultureInfo.InvariantCulture, $"{time} {kind} {node.Name}\n"));
            }
        }
    }

    /// <summary>The driver's node hooks: a node is submitted (its job is created next) and its end is heard.</summary>
    private sealed class DriverTrace(string folder) : TraceFile(folder), INodeHooks
    {
        public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
        {
            Write("submit", context.Node);
            return null;
        }

        public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs) => Write("notified", context.Node);
    }

    /// <summary>A worker's dataset hooks: a node starts loading its inputs and has saved an output.</summary>
    private sealed class WorkerTrace(string folder) : TraceFile(folder), IDatasetHooks
    {
        public void BeforeDatasetLoaded(string datasetName, Node node) => Write("load", node);

        public void AfterDatasetSaved(string datasetName, object? data, Node node) => Write("saved", node);
    }

    /// <summary>A worker process: this program's <c>hangfire-worker</c>, its output kept; stopped by closing its input.</summary>
    private sealed class WorkerProcess
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private WorkerProcess(Process process)
        {
            _process = process;
        }

        public int Id => _process.Id;

        public Task Started => _started.Task;

        public string Output => string.Join(Environment.NewLine, _lines);

        public static WorkerProcess Start(string projectPath)
        {
            var info = SelfStart("hangfire-worker", projectPath, "--workers", WorkersPerProcess.ToString(CultureInfo.InvariantCulture));
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            var worker = new WorkerProcess(process);
            process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data);
            process.Exited += (_, _) => worker._started.TrySetException(
                new InvalidOperationException($"The worker process exited with code {process.ExitCode} before it started:{Environment.NewLine}{worker.Output}"));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return worker;
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            _lines.Enqueue(line);
            if (line.Contains("worker started", StringComparison.Ordinal))
            {
                _started.TrySetResult();
            }
        }

        /// <summary>Closes its input (the worker stops its Hangfire server and exits); kills it if it has not exited after 20 s.</summary>
        public async Task StopAsync()
        {
            try
            {
                _process.StandardInput.Close();
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await _process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It has already exited.
            }
            finally
            {
                _process.Dispose();
            }
        }
    }
}

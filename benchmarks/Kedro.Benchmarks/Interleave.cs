using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

/// <summary>
/// Times whole processes with the variants taking turns: each round runs every command once, in a new order each
/// round, so that a busy machine slows every variant alike. Prints, for each command, the median and the lowest wall
/// time and the median CPU time (user + system) of the process, as a Markdown table.
/// </summary>
/// <remarks>
/// Usage: <c>interleave ROUNDS "NAME=COMMAND ARGS" ...</c>. The CPU time is the growth of this process's reaped
/// children's usage (<c>getrusage(RUSAGE_CHILDREN)</c>) across one command, which runs alone; Linux only.
/// </remarks>
internal static class Interleave
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var rounds) || rounds < 1)
        {
            Console.Error.WriteLine("Usage: interleave ROUNDS \"NAME=COMMAND ARGS\" ... (ROUNDS a whole number of at least 1).");
            return 2;
        }

        var variants = args[1..].Select(static a => a.Split('=', 2)).Select(static p => (Name: p[0], Command: p.Length == 2 ? p[1] : p[0])).ToArray();
        var wall = variants.ToDictionary(static v => v.Name, static _ => new List<double>());
        var cpu = variants.ToDictionary(static v => v.Name, static _ => new List<double>());
        var random = new Random(2026);
        for (var round = 0; round < rounds; round++)
        {
            random.Shuffle(variants);
            foreach (var (name, command) in variants)
            {
                var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var start = new ProcessStartInfo(words[0], words[1..]) { RedirectStandardOutput = true, RedirectStandardError = true };
                var cpuBefore = ChildrenCpuSeconds();
                var clock = Stopwatch.StartNew();
                using var process = Start(start, command);
                if (process is null)
                {
                    return 1;
                }

                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                process.WaitForExit();
                wall[name].Add(clock.Elapsed.TotalSeconds);
                _ = output.Result + error.Result;
                cpu[name].Add(ChildrenCpuSeconds() - cpuBefore);
                if (process.ExitCode != 0)
                {
                    Console.Error.WriteLine($"'{command}' failed with exit code {process.ExitCode}: {error.Result}");
                    return 1;
                }
            }
        }

        Console.WriteLine("| variant | wall, median | wall, lowest | CPU (user + system), median |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var name in wall.Keys.Order(StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {Median(wall[name]) * 1000:F0} ms | {wall[name].Min() * 1000:F0} ms | {Median(cpu[name]) * 1000:F0} ms |"));
        }

        return 0;
    }

    private static Process? Start(ProcessStartInfo start, string command)
    {
        try
        {
            return Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"Could not start '{command}': {e.Message}. Give the command's full path, as in docs/benchmarks.md.");
            return null;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double ChildrenCpuSeconds()
    {
        if (NativeMethods.getrusage(NativeMethods.RusageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage failed with error {Marshal.GetLastPInvokeError()}.");
        }

        return usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    private static class NativeMethods
    {
        public const int RusageChildren = -1;

#pragma warning disable SYSLIB1054, IDE1006, CA5392 // getrusage from libc; the struct is blittable
        [DllImport("libc", SetLastError = true)]
        internal static extern int getrusage(int who, out Usage usage);
#pragma warning restore SYSLIB1054, IDE1006, CA5392
    }

    /// <summary><c>struct rusage</c> on 64-bit Linux: two <c>struct timeval</c>s, then fourteen longs (144 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct Usage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }
}

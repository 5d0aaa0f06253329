using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Kedro.WorkerProcesses.Runner;

namespace Kedro.WorkerProcesses.Pool;

/// <summary>
/// How a worker process is started: <c>dotnet exec --runtimeconfig {rc} {Kedro.Parallel.dll} {host folder} ...</c>.
/// Kedro.Parallel is itself the worker's program. The runtime configuration is the host's own (so the worker runs on
/// the same frameworks), or a default one naming the running Microsoft.NETCore.App, written once to a cache folder named
/// after its content. The worker resolves Kedro.Core and the application's assemblies from the host's folder, so it
/// works under <c>dotnet run</c>, from a published folder and inside a test host alike.
/// </summary>
internal static class WorkerLauncher
{
    private static readonly Lazy<LaunchFiles> Files = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The start information of one worker; <paramref name="probingFolders"/> are searched for assemblies after the host's folder.</summary>
    public static ProcessStartInfo CreateStartInfo(IEnumerable<string> probingFolders)
    {
        var files = Files.Value;
        var info = new ProcessStartInfo(files.Muxer)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add("--runtimeconfig");
        info.ArgumentList.Add(files.RuntimeConfig);
        info.ArgumentList.Add(files.WorkerAssembly);
        info.ArgumentList.Add(AppContext.BaseDirectory);
        foreach (var folder in probingFolders)
        {
            info.ArgumentList.Add(folder);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        // A worker runs the same few code paths for every node. By default the runtime waits for start-up activity to
        // settle before re-compiling hot methods, and adds a profiling tier first; under a steady stream of nodes that
        // postpones the optimised code by thousands of nodes and spends the CPU the nodes need. Workers re-compile hot
        // methods at once and without the profiling tier, unless the user set the runtime's tiering options. Counting
        // from the start that way, the default threshold of 30 calls would also re-compile the hundreds of framework
        // methods that only start-up and a worker's first node call that often (their precompiled code is good enough),
        // in the background while the first nodes run; a method is re-compiled after 1,000 calls (0x3E8) instead.
        if (!Environment.GetEnvironmentVariables().Keys.OfType<string>().Any(IsTieringVariable))
        {
            info.Environment["DOTNET_TieredPGO"] = "0";
            info.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
            info.Environment["DOTNET_TC_CallCountThreshold"] = "3E8";
        }

        return info;
    }

    private static bool IsTieringVariable(string name) =>
        name.StartsWith("DOTNET_Tiered", StringComparison.OrdinalIgnoreCase) || name.StartsWith("DOTNET_TC_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("COMPlus_Tiered", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_TC_", StringComparison.OrdinalIgnoreCase);

    private static LaunchFiles Prepare()
    {
        var worker = typeof(WorkerLauncher).Assembly.Location;
        if (string.IsNullOrEmpty(worker) || !File.Exists(worker))
        {
            throw new InvalidOperationException(ParallelErrors.WorkerAssemblyMissing(typeof(WorkerLauncher).Assembly.GetName().Name + ".dll"));
        }

        var runtimeConfig = HostRuntimeConfig() ?? DefaultRuntimeConfig();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runtimeConfig)))[..16];
        var folder = Path.Combine(Path.GetTempPath(), "kedro-net-worker", hash);
        Directory.CreateDirectory(folder);
        var configPath = Path.Combine(folder, "worker.runtimeconfig.json");
        WriteOnce(configPath, Encoding.UTF8.GetBytes(runtimeConfig));
        return new LaunchFiles(FindMuxer(), worker, configPath);
    }

    /// <summary>Writes a file unless an identical one is there, atomically (another process may be writing it too).</summary>
    private static void WriteOnce(string path, byte[] content)
    {
        if (File.Exists(path) && new FileInfo(path).Length == content.Length)
        {
            return;
        }

        var temp = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The host's <c>*.runtimeconfig.json</c> (found beside its deps file or entry assembly) when it names shared frameworks.</summary>
    private static string? HostRuntimeConfig()
    {
        var candidates = new List<string>();
        if (AppContext.GetData("APP_CONTEXT_DEPS_FILES") is string deps)
        {
            foreach (var file in deps.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (file.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase))
                {
                    candidates.Add(file[..^".deps.json".Length] + ".runtimeconfig.json");
                }
            }
        }

        var entry = Assembly.GetEntryAssembly()?.Location;
        if (!string.IsNullOrEmpty(entry))
        {
            candidates.Add(Path.ChangeExtension(entry, ".runtimeconfig.json"));
        }

        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            var text = File.ReadAllText(candidate);
            if (text.Contains("\"framework", StringComparison.Ordinal) && !text.Contains("includedFrameworks", StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }

    private static string DefaultRuntimeConfig()
    {
        var version = Environment.Version;
        return "{\n  \"runtimeOptions\": {\n    \"tfm\": \"net" + version.Major + "." + version.Minor + "\",\n"
            + "    \"framework\": { \"name\": \"Microsoft.NETCore.App\", \"version\": \"" + version.ToString(3) + "\" }\n  }\n}\n";
    }

    /// <summary>The <c>dotnet</c> muxer: this process when it is one, else DOTNET_HOST_PATH, the running runtime's root, DOTNET_ROOT, then PATH.</summary>
    private static string FindMuxer()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var candidates = new List<string?>();
        var process = Environment.ProcessPath;
        if (process is not null && string.Equals(Path.GetFileName(process), name, StringComparison.OrdinalIgnoreCase))
        {
            candidates.Add(process);
        }

        candidates.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"));
        candidates.Add(Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", name)));
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            candidates.Add(Path.Combine(root, name));
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(folder, name));
        }

        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path))
            ?? throw new InvalidOperationException(ParallelErrors.MuxerNotFound);
    }

    private sealed record LaunchFiles(string Muxer, string WorkerAssembly, string RuntimeConfig);
}

using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Kedro.WorkerProcesses.Worker;

/// <summary>
/// In a worker: the folders of the assemblies that node functions and dataset factories come from, searched for the
/// assemblies they depend on (after the host application's folder, which the worker's entry point probes first).
/// </summary>
internal static class AssemblyFolders
{
    private static readonly ConcurrentDictionary<string, bool> Folders = new(StringComparer.Ordinal);
    private static int Installed;

    public static void Add(string assemblyPath)
    {
        if (Interlocked.Exchange(ref Installed, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += Probe;
        }

        if (Path.GetDirectoryName(assemblyPath) is { Length: > 0 } folder)
        {
            Folders.TryAdd(folder, true);
        }
    }

    private static Assembly? Probe(AssemblyLoadContext context, AssemblyName name)
    {
        foreach (var folder in Folders.Keys)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(path))
            {
                return context.LoadFromAssemblyPath(path);
            }
        }

        return null;
    }
}

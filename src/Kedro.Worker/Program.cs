using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Kedro.Worker;

/// <summary>
/// Starts a ParallelRunner worker: resolves assemblies from the host application's folder (and the folders the
/// parent names), loads Kedro.Core by path and runs its worker loop.
/// </summary>
internal static class Program
{
    /// <summary>Arguments: the path of Kedro.Core.dll, the host's base directory, then more probing folders.</summary>
    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            return 64;
        }

        var corePath = args[0];
        var folders = args.Skip(1).Where(Directory.Exists).Distinct(StringComparer.Ordinal).ToArray();
        AssemblyLoadContext.Default.Resolving += (context, name) => Probe(context, name, folders);
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) => ProbeNative(name, folders);
        var core = AssemblyLoadContext.Default.LoadFromAssemblyPath(corePath);
        var entry = core.GetType("Kedro.Runners.Parallel.WorkerEntry", throwOnError: true)!
            .GetMethod("Run", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!;
        return (int)entry.Invoke(null, [args])!;
    }

    private static Assembly? Probe(AssemblyLoadContext context, AssemblyName name, string[] folders)
    {
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            if (File.Exists(path))
            {
                return context.LoadFromAssemblyPath(path);
            }
        }

        return null;
    }

    private static IntPtr ProbeNative(string name, string[] folders)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var file = OperatingSystem.IsWindows() ? name + ".dll" : OperatingSystem.IsMacOS() ? "lib" + name + ".dylib" : "lib" + name + ".so";
        foreach (var folder in folders)
        {
            foreach (var candidate in new[]
                     {
                         Path.Combine(folder, name), Path.Combine(folder, file),
                         Path.Combine(folder, "runtimes", rid, "native", name), Path.Combine(folder, "runtimes", rid, "native", file),
                     })
            {
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                {
                    return handle;
                }
            }
        }

        return IntPtr.Zero;
    }
}

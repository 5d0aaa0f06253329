using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Kedro.WorkerProcesses.Worker;

/// <summary>
/// The entry point of a ParallelRunner worker process (<c>dotnet exec ... Kedro.Parallel.dll</c>): resolves assemblies
/// from the host application's folder and the folders the parent names, then runs the worker loop.
/// </summary>
internal static class Program
{
    /// <summary>Arguments: the host's base directory, then more probing folders.</summary>
    private static int Main(string[] args)
    {
        if (args.Length < 1)
        {
            return 64;
        }

        var folders = args.Where(Directory.Exists).Distinct(StringComparer.Ordinal).ToArray();
        AssemblyLoadContext.Default.Resolving += (context, name) => Probe(context, name, folders);
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) => ProbeNative(name, folders);
        return RunWorker();
    }

    /// <summary>Kept out of <see cref="Main"/> so that Kedro.Core is loaded only once the resolvers are in place.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunWorker() => WorkerEntry.Run();

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
        var extension = OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so";
        // A library imported by its file's stem ("libSkiaSharp") or by its short name ("e_sqlite3", file libe_sqlite3.so).
        string[] files = OperatingSystem.IsWindows() ? [name, name + extension] : [name, name + extension, "lib" + name + extension];
        foreach (var folder in folders)
        {
            foreach (var candidate in files.SelectMany(file => new[] { Path.Combine(folder, file), Path.Combine(folder, "runtimes", rid, "native", file) }))
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

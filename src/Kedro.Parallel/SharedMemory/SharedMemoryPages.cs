using System.Runtime.InteropServices;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>
/// Asks Linux to back a large array that is about to be filled from a segment with transparent huge pages (when the
/// system allows them on request), so filling it takes a few hundred page faults instead of tens of thousands. Only a
/// hint: anywhere else, or when the system refuses, nothing changes.
/// </summary>
internal static class SharedMemoryPages
{
    private const int HugePageAdvice = 14; // MADV_HUGEPAGE
    private const long HugePageSize = 2 * 1024 * 1024;
    private const long MinimumBytes = 4 * HugePageSize;

    /// <summary>Advises huge pages for the whole 2 MB blocks inside <paramref name="array"/>'s data (<paramref name="length"/> bytes), when it is large.</summary>
    public static void AdviseHugePages(Array array, long length)
    {
        if (!OperatingSystem.IsLinux() || length < MinimumBytes)
        {
            return;
        }

        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            var start = (long)handle.AddrOfPinnedObject();
            var first = (start + HugePageSize - 1) & ~(HugePageSize - 1);
            var last = (start + length) & ~(HugePageSize - 1);
            if (last > first)
            {
                _ = NativeMethods.madvise((nint)first, (nuint)(last - first), HugePageAdvice);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not the C library expected: no advice.
        }
        finally
        {
            handle.Free();
        }
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code, which this assembly does not allow; the signature is blittable.
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The C function's name.")]
        internal static extern int madvise(nint address, nuint length, int advice);
#pragma warning restore SYSLIB1054
    }
}

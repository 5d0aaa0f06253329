using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Kedro.Shared.Files;

/// <summary>
/// Writes a file atomically: the content goes to a temporary file <c>.{basename}.{machine}.{pid}.{guid}.tmp</c>, which then
/// moves into place in one step. A plain target is replaced; a versioned one is never overwritten: the move fails
/// when the file exists (the file system decides, so two writers racing for one version cannot both win). A failed or
/// cancelled write deletes its temporary file and the folders it created, and leaves the previous file untouched.
/// The first write of a target in a process removes the temporary files of that target left by processes of this machine
/// that no longer run; <c>{machine}</c> tells this machine's files from those of other machines sharing the folder.
/// </summary>
internal static class AtomicFile
{
    // A folder created by one writer can be removed as empty by another writer whose save failed; retry then.
    private const int FolderAttempts = 5;

    // The (folder, name prefix) pairs whose stale temporary files this process has removed: once each, not on every save.
    private static readonly ConcurrentDictionary<(string Folder, string Prefix), byte> Swept = new();

    /// <summary>
    /// This machine in temporary file names: the first 8 hex digits of the SHA-256 of <see cref="Environment.MachineName"/>,
    /// short, safe in a file name on every file system, and the same for every process of the machine.
    /// </summary>
    internal static string Machine { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName)).AsSpan(0, 4));

    public static void Write(SaveTarget target, Action<Stream> write)
    {
        var created = Prepare(target);
        string? temp = null;
        try
        {
            using (var stream = CreateTemp(target, out temp, useAsync: false))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            Commit(target, temp);
        }
        catch
        {
            Abandon(target, temp, created);
            throw;
        }
    }

    public static async Task WriteAsync(SaveTarget target, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var created = Prepare(target);
        string? temp = null;
        try
        {
            var stream = CreateTemp(target, out temp, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Commit(target, temp);
        }
        catch
        {
            Abandon(target, temp, created);
            throw;
        }
    }

    /// <summary>
    /// The machine and process id in a temporary file name of <paramref name="target"/>, or <see langword="null"/> when the
    /// name is not one.
    /// </summary>
    internal static (string Machine, int ProcessId)? OwnerOf(SaveTarget target, string fileName)
    {
        if (!fileName.StartsWith(target.TempPrefix, StringComparison.Ordinal) || !fileName.EndsWith(".tmp", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = fileName[target.TempPrefix.Length..^".tmp".Length].Split('.');
        return parts is [var machine, var pid, var guid]
            && machine.Length == Machine.Length && machine.All(char.IsAsciiHexDigitLower)
            && pid.Length > 0 && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            && guid.Length == 32 && Guid.TryParseExact(guid, "N", out _)
            ? (machine, processId)
            : null;
    }

    /// <summary>
    /// Whether <paramref name="fileName"/> (a name, not a path) is a temporary file of an atomic write of any target:
    /// <c>.{basename}.{machine}.{pid}.{guid}.tmp</c>. Listings of data folders leave such files out: they are writes in
    /// progress or left by a process that stopped.
    /// </summary>
    internal static bool IsTempFileName(string fileName)
    {
        if (!fileName.StartsWith('.') || !fileName.EndsWith(".tmp", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = fileName[..^".tmp".Length].Split('.');
        return parts.Length >= 5
            && parts[^3].Length == Machine.Length && parts[^3].All(char.IsAsciiHexDigitLower)
            && parts[^2].Length > 0 && parts[^2].All(char.IsAsciiDigit)
            && parts[^1].Length == 32 && Guid.TryParseExact(parts[^1], "N", out _);
    }

    // Removes stale temporary files (on the first write of the target in this process), then lists the folders this write
    // is about to create (deepest last).
    private static List<string> Prepare(SaveTarget target)
    {
        if (Swept.TryAdd((target.TempFolder, target.TempPrefix), 0))
        {
            RemoveStaleTemps(target);
        }

        var missing = new List<string>();
        for (var folder = target.Folder; !string.IsNullOrEmpty(folder) && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Insert(0, folder);
        }

        return missing;
    }

    private static FileStream CreateTemp(SaveTarget target, out string temp, bool useAsync)
    {
        temp = Path.Combine(target.TempFolder, $"{target.TempPrefix}{Machine}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.tmp");
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(target.TempFolder);
            try
            {
                return new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync);
            }
            catch (DirectoryNotFoundException) when (attempt < FolderAttempts)
            {
                // removed as empty by a failed writer in between: create it again
            }
        }
    }

    private static void Commit(SaveTarget target, string temp)
    {
        if (!target.Versioned)
        {
            File.Move(temp, target.FullPath, overwrite: true);
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(target.Folder);
            try
            {
                MoveWithoutOverwrite(temp, target.FullPath);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < FolderAttempts)
            {
                // removed as empty by a failed writer in between: create it again
            }
            catch (IOException exception) when (File.Exists(target.FullPath) || Directory.Exists(target.FullPath))
            {
                throw target.Taken(exception);
            }
        }
    }

    // The file system refuses the move when the target exists, in one step: on Unix a hard link (which fails with EEXIST
    // on an existing name) then removing the temporary name; on Windows MoveFileEx without MOVEFILE_REPLACE_EXISTING.
    // File.Move(overwrite: false) is not enough on Unix: it checks for the target, then renames, which a second writer
    // can pass at the same time. Where hard links are not supported, File.Move is the fallback.
    private static void MoveWithoutOverwrite(string temp, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(temp, path, overwrite: false);
            return;
        }

        int errno;
        try
        {
            errno = NativeMethods.link(temp, path) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            errno = -1; // not the C library expected: .NET's move below
        }

        if (errno == 0)
        {
            TryDelete(temp);
            return;
        }

        if (errno == NativeMethods.EEXIST)
        {
            throw FileErrors.FileExists(path);
        }

        File.Move(temp, path, overwrite: false); // no hard links here: .NET's move reports the error or moves
    }

    private static void Abandon(SaveTarget target, string? temp, List<string> created)
    {
        if (temp is not null)
        {
            TryDelete(temp);
        }

        if (target.Versioned)
        {
            // Another writer's version folder is never empty once its move succeeded, so this removes only an empty one.
            TryRemoveEmptyFolder(target.Folder);
        }

        for (var i = created.Count - 1; i >= 0; i--)
        {
            TryRemoveEmptyFolder(created[i]);
        }
    }

    private static void RemoveStaleTemps(SaveTarget target)
    {
        if (!Directory.Exists(target.TempFolder))
        {
            return;
        }

        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(target.TempFolder, target.TempPrefix + "*.tmp").ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return; // best effort: the save itself reports a folder it cannot use
        }

        foreach (var candidate in candidates)
        {
            // Only this machine's files: another machine's process ids mean nothing here, and its live writers' files stay.
            if (OwnerOf(target, Path.GetFileName(candidate)) is ({ } machine, var pid)
                && machine == Machine && pid != Environment.ProcessId && !IsRunning(pid))
            {
                TryDelete(candidate);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false; // no process has that id
        }
        catch (InvalidOperationException)
        {
            return false; // it exited while being looked up
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // best effort: the target is intact either way
        }
    }

    private static class NativeMethods
    {
        internal const int EEXIST = 17; // the same on Linux and macOS

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code, which this assembly does not allow.
#pragma warning disable CA2101 // the strings are marshalled as UTF-8 (MarshalAs), which the rule does not recognise.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The C function's name.")]
        internal static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);
#pragma warning restore CA2101
#pragma warning restore SYSLIB1054
    }

    private static void TryRemoveEmptyFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // not empty, already gone or not ours to remove
        }
    }
}

namespace Kedro.Shared.Files;

/// <summary>Reading a whole file and writing one atomically, synchronously or without blocking a thread on I/O.</summary>
internal static class FileIO
{
    public static T Read<T>(string path, Func<Stream, T> parse)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
        return parse(stream);
    }

    public static async ValueTask<T> ReadAsync<T>(string path, Func<Stream, T> parse, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        // Publicly visible, so a parser can read the array in place (MemoryStream.TryGetBuffer) instead of copying it.
        using var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        return parse(stream);
    }

    public static void Write(SaveTarget target, Action<Stream> write) => AtomicFile.Write(target, write);

    public static async ValueTask WriteAsync(SaveTarget target, Action<Stream> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        await AtomicFile.WriteAsync(
            target,
            (stream, token) => stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), token).AsTask(),
            cancellationToken).ConfigureAwait(false);
    }
}

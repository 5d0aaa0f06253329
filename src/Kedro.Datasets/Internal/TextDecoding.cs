using System.Text;

namespace Kedro.Datasets.Internal;

/// <summary>
/// Decodes a text file as pandas' <c>encoding</c> and <c>encoding_errors</c> do: <c>strict</c> (the default) refuses a
/// byte sequence the encoding cannot decode, naming the file, the line and the byte offset; <c>replace</c> puts U+FFFD in
/// its place; <c>ignore</c> drops it. A byte order mark of the encoding is skipped.
/// </summary>
internal static class TextDecoding
{
    private static readonly string[] Modes = ["strict", "replace", "ignore"];

    /// <summary>UTF-8 that refuses invalid bytes, as Python reads text files.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The encoding named by <paramref name="encodingName"/> with the decoding errors of <paramref name="errors"/>.</summary>
    /// <exception cref="ArgumentException">The encoding or the error mode is unknown.</exception>
    public static Encoding Encoding(string? encodingName, string? errors, string typeName, string argName)
    {
        var encoding = (Encoding)DatasetArguments.Encoding(encodingName, typeName, argName).Clone();
        encoding.DecoderFallback = (errors ?? "strict") switch
        {
            "strict" => DecoderFallback.ExceptionFallback,
            "replace" => new DecoderReplacementFallback("\uFFFD"),
            "ignore" => new DecoderReplacementFallback(string.Empty),
            _ => throw new ArgumentException(DatasetMessages.BadValue(typeName, argName, "encoding_errors", errors,
                string.Join(", ", Modes.Select(m => $"'{m}'")))),
        };
        return encoding;
    }

    /// <summary>
    /// The encoding named by <paramref name="encodingName"/> for writing: a character it cannot encode fails the save
    /// (as pandas' default <c>errors='strict'</c>) instead of being written as <c>?</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The encoding is unknown.</exception>
    public static Encoding ForWriting(string? encodingName, string typeName, string argName)
    {
        var encoding = (Encoding)DatasetArguments.Encoding(encodingName, typeName, argName).Clone();
        encoding.EncoderFallback = EncoderFallback.ExceptionFallback;
        return encoding;
    }

    /// <summary>The whole text of <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid in the encoding and its errors are strict.</exception>
    public static string Read(Stream stream, Encoding encoding, string encodingName, string path)
    {
        byte[] bytes;
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            bytes = buffer.Array!;
            return Decode(bytes.AsSpan(buffer.Offset, buffer.Count), encoding, encodingName, path);
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Decode(copy.GetBuffer().AsSpan(0, (int)copy.Length), encoding, encodingName, path);
    }

    private static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding, string encodingName, string path)
    {
        var start = PreambleLength(bytes, encoding);
        try
        {
            return encoding.GetString(bytes[start..]);
        }
        catch (DecoderFallbackException exception)
        {
            var offset = start + Math.Max(exception.Index, 0);
            var prefix = encoding.GetString(bytes[start..offset]);
            var line = prefix.Count(c => c == '\n') + 1;
            var unknown = exception.BytesUnknown is { Length: > 0 } known ? known : bytes.Slice(offset, 1).ToArray();
            throw new InvalidDataException(DatasetMessages.Undecodable(path, encodingName, unknown, line, offset), exception);
        }
    }

    private static int PreambleLength(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var preamble = encoding.CodePage == 65001 ? [0xEF, 0xBB, 0xBF] : encoding.Preamble;
        return preamble.Length > 0 && bytes.StartsWith(preamble) ? preamble.Length : 0;
    }
}

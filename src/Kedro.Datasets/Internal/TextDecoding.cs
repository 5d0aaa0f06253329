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
            _ => throw FileDatasetErrors.BadValue(typeName, argName, "encoding_errors", errors,
                string.Join(", ", Modes.Select(m => $"'{m}'"))),
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

    /// <summary>The whole text of <paramref name="stream"/> from its position.</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid in the encoding and its errors are strict.</exception>
    public static string Read(Stream stream, Encoding encoding, string encodingName, string path)
    {
        using var reader = OpenReader(stream, encoding, encodingName, path);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A reader decoding <paramref name="stream"/> (seekable) from its position as it is read, without holding the whole
    /// text. Invalid bytes under strict errors throw <see cref="InvalidDataException"/> from the read that meets them,
    /// naming the line and byte offset (counted from the position the reading started at), which are found by reading
    /// the stream again from there. The stream stays open.
    /// </summary>
    public static TextReader OpenReader(Stream stream, Encoding encoding, string encodingName, string path)
    {
        var start = stream.Position;
        SkipPreamble(stream, encoding);
        return new DecodingReader(stream, start, encoding, encodingName, path);
    }

    // StreamReader skips the preamble of an encoding that has one; UTF-8 without it (strict reading) is skipped here.
    private static void SkipPreamble(Stream stream, Encoding encoding)
    {
        if (encoding.CodePage != 65001 || encoding.Preamble.Length > 0)
        {
            return;
        }

        var start = stream.Position;
        Span<byte> head = stackalloc byte[3];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length || !head.SequenceEqual(Utf8Preamble))
        {
            stream.Position = start;
        }
    }

    private static ReadOnlySpan<byte> Utf8Preamble => [0xEF, 0xBB, 0xBF];

    // Reads the stream again from the start of the text to the first invalid byte sequence: its byte offset and bytes,
    // then the line it is on.
    private static InvalidDataException Undecodable(Stream stream, long start, Encoding encoding, string encodingName, string path, DecoderFallbackException cause)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        stream.Position = start;
        SkipPreamble(stream, strict);
        var textStart = stream.Position;
        var buffer = new byte[81920];
        var chars = new char[strict.GetMaxCharCount(buffer.Length)];
        var decoder = strict.GetDecoder();
        long read = textStart;
        long? offset = null;
        byte[]? unknown = cause.BytesUnknown;
        while (offset is null)
        {
            var count = stream.Read(buffer);
            try
            {
                decoder.GetChars(buffer, 0, count, chars, 0, flush: count == 0);
            }
            catch (DecoderFallbackException exception)
            {
                offset = Math.Clamp(read + exception.Index, textStart, Math.Max(textStart, read + count - 1));
                unknown = exception.BytesUnknown;
            }

            read += count;
            if (count == 0 && offset is null)
            {
                break; // valid after all (the stream changed): the first read's error, without a position
            }
        }

        var line = 1;
        if (offset is { } end)
        {
            stream.Position = textStart;
            decoder = strict.GetDecoder();
            for (var at = textStart; at < end;)
            {
                var count = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, end - at));
                if (count == 0)
                {
                    break;
                }

                line += chars.AsSpan(0, decoder.GetChars(buffer, 0, count, chars, 0, flush: false)).Count('\n');
                at += count;
            }

            if (unknown is not { Length: > 0 })
            {
                stream.Position = end;
                var one = stream.ReadByte();
                unknown = one < 0 ? [] : [(byte)one];
            }
        }

        return FileDatasetErrors.Undecodable(path, encodingName, unknown ?? [], line, (offset ?? textStart) - start, cause);
    }

    /// <summary>A <see cref="StreamReader"/> whose decoding errors become the dataset's message.</summary>
    private sealed class DecodingReader(Stream stream, long start, Encoding encoding, string encodingName, string path) : TextReader
    {
        private readonly StreamReader _reader = new(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 81920, leaveOpen: true);

        // Read(Span<char>) and ReadBlock come through these from TextReader.
        public override int Peek() => Decode(static reader => reader.Peek());

        public override int Read() => Decode(static reader => reader.Read());

        public override int Read(char[] buffer, int index, int count) => Decode(reader => reader.Read(buffer, index, count));

        public override string? ReadLine() => Decode(static reader => reader.ReadLine());

        public override string ReadToEnd() => Decode(static reader => reader.ReadToEnd());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _reader.Dispose();
            }

            base.Dispose(disposing);
        }

        private T Decode<T>(Func<StreamReader, T> read)
        {
            try
            {
                return read(_reader);
            }
            catch (DecoderFallbackException exception)
            {
                throw Undecodable(stream, start, encoding, encodingName, path, exception);
            }
        }
    }
}

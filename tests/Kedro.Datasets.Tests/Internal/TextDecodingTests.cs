using System.Data;
using System.Text;
using Kedro.Datasets.Internal;
using Kedro.IO;

namespace Kedro.Datasets.Tests.Internal;

/// <summary>Text is decoded as it is read, from the stream's position, and undecodable bytes are found by line and byte offset.</summary>
public sealed class TextDecodingTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_FromAMemoryStreamNotAtItsStart_DecodesFromItsPosition()
    {
        using var stream = new MemoryStream();
        stream.Write("skip|kept text"u8);
        stream.Position = 5;

        Assert.Equal("kept text", TextDecoding.Read(stream, TextDecoding.StrictUtf8, "utf-8", "memory"));
    }

    [Fact]
    public void OpenReader_ReadsOnlyAsFarAsTheTextIsConsumed()
    {
        // Large text is decoded a buffer at a time: reading the first line leaves most of the stream unread.
        var line = new string('a', 99) + "\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 10_000))));

        using var reader = TextDecoding.OpenReader(stream, TextDecoding.StrictUtf8, "utf-8", "memory");

        Assert.Equal(line.TrimEnd('\n'), reader.ReadLine());
        Assert.True(stream.Position < stream.Length / 2, $"read {stream.Position} of {stream.Length} bytes for one line");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Load_InvalidByteFarIntoALargeFile_NamesItsLineAndOffsetAcrossReadBuffers(bool async)
    {
        // 'é' (two bytes) at every line start puts many characters across buffer boundaries before the bad byte, which
        // comes after several 80 KB buffers: the line and offset still count every byte and line before it.
        var path = _dir.PathOf("big.csv");
        var prefix = new StringBuilder("text\n");
        for (var i = 0; i < 5_000; i++)
        {
            prefix.Append('é').Append(i).Append(new string('x', 60)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(prefix.ToString());
        File.WriteAllBytes(path, [.. bytes, .. "bad"u8, 0xC3, 0x28, .. "\nlast\n"u8]);
        var dataset = new CsvDataset(path);

        var error = async
            ? await Assert.ThrowsAsync<DatasetException>(() => dataset.LoadAsync().AsTask())
            : Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains($"'{path}' is not valid utf-8: byte(s) C3 at line 5002, byte offset {bytes.Length + 3} cannot be decoded.", error.Message, StringComparison.Ordinal);
        Assert.IsType<DecoderFallbackException>(error.InnerException!.InnerException);
    }

    [Fact]
    public void Load_FileEndingInTheMiddleOfACharacter_NamesTheIncompleteBytes()
    {
        var path = _dir.PathOf("cut.txt");
        File.WriteAllBytes(path, [.. "one\ntwo "u8, 0xE2, 0x82]);

        var error = Assert.Throws<DatasetException>(() => new TextDataset(path).Load());

        Assert.Contains($"'{path}' is not valid utf-8: byte(s) E282 at line 2, byte offset 8 cannot be decoded.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithByteOrderMarkAndAnInvalidByte_CountsTheOffsetFromTheStartOfTheFile()
    {
        var path = _dir.PathOf("bom.yml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "a: 1\nb: "u8, 0xFF, .. "\n"u8]);

        var error = Assert.Throws<DatasetException>(() => new YamlDataset(path).Load());

        Assert.Contains($"'{path}' is not valid utf-8: byte(s) FF at line 2, byte offset 11 cannot be decoded.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replace", "\uFFFD")]
    [InlineData("ignore", "")]
    public void Load_InvalidBytesInALargeFileWithEncodingErrors_ReplacesOrDropsEachOne(string errors, string expected)
    {
        var path = _dir.PathOf("big.csv");
        var rows = Enumerable.Range(0, 3_000).Select(i => (byte[])[.. Encoding.ASCII.GetBytes($"{i},a"), 0xFF, .. "b\n"u8]);
        File.WriteAllBytes(path, [.. "id,v\n"u8, .. rows.SelectMany(r => r)]);

        var table = Assert.IsType<DataTable>(new CsvDataset(path, new Dictionary<string, object?> { ["encoding_errors"] = errors }).Load());

        Assert.Equal(3_000, table.Rows.Count);
        Assert.All(table.Rows.Cast<DataRow>(), row => Assert.Equal($"a{expected}b", row["v"]));
    }
}

using System.Data;
using System.Globalization;
using Kedro.Datasets.Tests.Support;
using Kedro.IO;

namespace Kedro.Datasets.Tests;

/// <summary>Saves that fail keep the previous file; numbers are written the same whatever the current culture.</summary>
public sealed class DatasetRobustnessTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    public sealed class Cycle
    {
        public Cycle? Self { get; set; }
    }

    public static TheoryData<string> Kinds => new() { "csv", "json", "yaml", "xlsx", "pkl" };

    private static AbstractDataset<object> Create(string kind, string path) => kind switch
    {
        "csv" => new CsvDataset(path),
        "json" => new JsonDataset(path),
        "yaml" => new YamlDataset(path),
        "xlsx" => new ExcelDataset(path),
        "pkl" => new PickleDataset(path),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static object Good(string kind) => kind switch
    {
        "csv" or "xlsx" => new List<Company> { new(1, "90%", "Earth", 2.5, "t") },
        _ => new Dictionary<string, object?> { ["a"] = 1.5 },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Save_WhenTheDataCannotBeWritten_KeepsThePreviousFileAndLeavesNoTemporaryFile(string kind)
    {
        var path = _dir.PathOf("data." + kind);
        var dataset = Create(kind, path);
        dataset.Save(Good(kind));
        var before = File.ReadAllBytes(path);
        var bad = new Cycle();
        bad.Self = bad;

        Assert.ThrowsAny<Exception>(() => dataset.Save(bad));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["data." + kind], _dir.Files());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task SaveAsync_WhenCancelled_KeepsThePreviousFileAndLeavesNoTemporaryFile(string kind)
    {
        var path = _dir.PathOf("data." + kind);
        var dataset = Create(kind, path);
        dataset.Save(Good(kind));
        var before = File.ReadAllBytes(path);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dataset.SaveAsync(Good(kind), cancelled.Token).AsTask());

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["data." + kind], _dir.Files());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("yaml")]
    [InlineData("txt")]
    public async Task Load_InvalidUtf8_FailsNamingFileLineAndByteOffset(string kind)
    {
        var path = _dir.PathOf("data." + kind);
        File.WriteAllBytes(path, [.. "x\ny"u8, 0xFF, .. "\n"u8]);
        IDataset dataset = kind == "txt" ? new TextDataset(path) : Create(kind, path);

        var error = Assert.Throws<DatasetException>(() => dataset.Load());
        var asyncError = await Assert.ThrowsAsync<DatasetException>(() => dataset.LoadAsync().AsTask());

        Assert.Contains($"'{path}' is not valid utf-8: byte(s) FF at line 2, byte offset 3 cannot be decoded.", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, asyncError.Message);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("json")]
    [InlineData("yaml")]
    public void SaveThenLoad_UnderACommaDecimalCulture_WritesAndReadsInvariantNumbers(string kind)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var path = _dir.PathOf("data." + kind);
            var dataset = Create(kind, path);
            var table = new DataTable();
            table.Columns.Add("x", typeof(double));
            table.Columns.Add("when", typeof(DateTime));
            table.Rows.Add(2.5, new DateTime(2024, 1, 15, 10, 30, 0, DateTimeKind.Unspecified));

            if (kind is "json" or "yaml")
            {
                dataset.Save(new Dictionary<string, object?> { ["x"] = 2.5, ["y"] = 1e-7 });
                Assert.DoesNotContain("2,5", File.ReadAllText(path), StringComparison.Ordinal);
                var loaded = (Dictionary<string, object?>)((ITypedLoadDataset)dataset).Load(typeof(Dictionary<string, object?>))!;
                Assert.Equal(2.5, Convert.ToDouble(loaded["x"], CultureInfo.InvariantCulture));
                Assert.Equal(1e-7, Convert.ToDouble(loaded["y"], CultureInfo.InvariantCulture));
                return;
            }

            dataset.Save(table);
            if (kind == "csv")
            {
                Assert.Contains("2.5", File.ReadAllText(path), StringComparison.Ordinal);
            }

            var rows = (DataTable)dataset.Load()!;
            Assert.Equal(2.5, Convert.ToDouble(rows.Rows[0]["x"], CultureInfo.InvariantCulture));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TextDataset_SaveWhenCancelled_KeepsThePreviousFile()
    {
        var path = _dir.PathOf("a.txt");
        var dataset = new TextDataset(path);
        dataset.Save("first");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => dataset.SaveAsync("second", cancelled.Token).AsTask().GetAwaiter().GetResult());

        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal(["a.txt"], _dir.Files());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    [InlineData("pkl")]
    public void Load_AsDictionaryOfObjects_GivesPlainValuesLikeAnUntypedLoad(string kind)
    {
        var dataset = Create(kind, _dir.PathOf("data." + kind));
        dataset.Save(new Dictionary<string, object?> { ["n"] = 3, ["x"] = 2.5, ["s"] = "t", ["list"] = new List<object?> { 1, "a" }, ["map"] = new Dictionary<string, object?> { ["k"] = true } });

        var loaded = (Dictionary<string, object?>)((ITypedLoadDataset)dataset).Load(typeof(Dictionary<string, object?>))!;

        Assert.Equal(3, loaded["n"]);
        Assert.Equal(2.5, loaded["x"]);
        Assert.Equal("t", loaded["s"]);
        Assert.Equal(new List<object?> { 1, "a" }, loaded["list"]);
        Assert.Equal(true, ((Dictionary<string, object?>)loaded["map"]!)["k"]);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("OFF")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("1.0")]
    [InlineData("010")]
    [InlineData("0x1F")]
    [InlineData("1:30")]
    [InlineData("1e3")]
    [InlineData(".inf")]
    [InlineData("true")]
    [InlineData("- item")]
    [InlineData("a: b")]
    [InlineData("#x")]
    [InlineData("${x}")]
    [InlineData("line\nbreak")]
    public void YamlSaveThenLoad_StringThatLooksLikeAnotherType_StaysAString(string text)
    {
        text = text.Replace("\\n", "\n", StringComparison.Ordinal);
        var dataset = new YamlDataset(_dir.PathOf("strings.yml"));

        dataset.Save(new Dictionary<string, object?> { ["value"] = text, ["list"] = new List<object?> { text } });

        var loaded = (Dictionary<string, object?>)dataset.Load()!;
        Assert.Equal(text, loaded["value"]);
        Assert.Equal(new List<object?> { text }, loaded["list"]);
    }

    [Theory]
    [InlineData("010", 8)]
    [InlineData("0x1F", 31)]
    [InlineData("0b101", 5)]
    [InlineData("-7", -7)]
    [InlineData("1_000", 1000)]
    [InlineData("1.5", 1.5)]
    [InlineData("1.0e+3", 1000.0)]
    [InlineData(".5", 0.5)]
    [InlineData("1e3", "1e3")]
    [InlineData("0o17", "0o17")]
    [InlineData("09", "09")]
    public void YamlLoad_PlainScalars_AreTypedAsKedrosYamlLoader(string text, object expected)
    {
        var path = _dir.PathOf("typed.yml");
        File.WriteAllText(path, "value: " + text + "\n");

        var loaded = (Dictionary<string, object?>)new YamlDataset(path).Load()!;

        Assert.Equal(expected, loaded["value"]);
    }
}

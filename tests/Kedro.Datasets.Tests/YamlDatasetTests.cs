using Kedro.Datasets.Tests.Support;
using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class YamlDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_Untyped_TypesScalarsAsKedrosYamlLoaderDoes()
    {
        File.WriteAllText(_dir.PathOf("p.yml"), "a: 1\nb: 0.5\nc: yes\nd: '1'\ne: ~\nf: [x, 2]\ng:\n  h: 3000000000\nk: text\n");

        var tree = Assert.IsType<Dictionary<string, object?>>(new YamlDataset(_dir.PathOf("p.yml")).Load());

        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "k"], tree.Keys);
        Assert.Equal(1, tree["a"]);
        Assert.Equal(0.5, tree["b"]);
        Assert.Equal(true, tree["c"]);
        Assert.Equal("1", tree["d"]);
        Assert.Null(tree["e"]);
        Assert.Equal(new List<object?> { "x", 2 }, tree["f"]);
        Assert.Equal(3000000000L, ((Dictionary<string, object?>)tree["g"]!)["h"]);
        Assert.Equal("text", tree["k"]);
    }

    [Fact]
    public void Load_AsRecord_BindsSnakeCaseKeys()
    {
        File.WriteAllText(_dir.PathOf("o.yml"), "test_size: 0.2\nrandom_state: 3\nfeatures:\n  - engines\n  - crew\n");
        var options = (ModelOptions)new YamlDataset(_dir.PathOf("o.yml")).Load(typeof(ModelOptions))!;
        Assert.Equal(0.2, options.TestSize);
        Assert.Equal(3, options.RandomState);
        Assert.Equal(["engines", "crew"], options.Features);
    }

    [Fact]
    public async Task SaveThenLoad_RecordsAndTrees_RoundTrip()
    {
        var dataset = new YamlDataset(_dir.PathOf("out.yml"));
        await dataset.SaveAsync(new ModelOptions(0.25, 7, ["a", "true", "1"]));

        var text = File.ReadAllText(_dir.PathOf("out.yml"));
        Assert.Contains("test_size: 0.25", text, StringComparison.Ordinal);
        var back = (ModelOptions)(await dataset.LoadAsync(typeof(ModelOptions)))!;
        Assert.Equal(["a", "true", "1"], back.Features);
        var tree = (Dictionary<string, object?>)dataset.Load()!;
        Assert.Equal(new List<object?> { "a", "true", "1" }, tree["features"]);
    }

    [Fact]
    public void Load_IntoTypeThatDoesNotFit_NamesDatasetFileAndType()
    {
        File.WriteAllText(_dir.PathOf("bad.yml"), "random_state: many\n");
        var dataset = new YamlDataset(_dir.PathOf("bad.yml"));
        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(ModelOptions)));
        Assert.Contains($"Cannot load '{_dir.PathOf("bad.yml")}' as 'ModelOptions'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TagsNeverCreateTypes()
    {
        File.WriteAllText(_dir.PathOf("tag.yml"), "a: !!python/object:os.system {}\nb: !System.IO.File x\n");
        var tree = (Dictionary<string, object?>)new YamlDataset(_dir.PathOf("tag.yml")).Load()!;
        Assert.IsType<Dictionary<string, object?>>(tree["a"]);
        Assert.Equal("x", tree["b"]);
    }

    [Fact]
    public void Save_WhenSerializationFails_LeavesThePreviousFile()
    {
        var path = _dir.PathOf("keep.yml");
        var dataset = new YamlDataset(path);
        dataset.Save(new Dictionary<string, object?> { ["a"] = 1 });
        Assert.Throws<DatasetException>(() => dataset.Save(new ThrowingGetter()));
        Assert.Equal("a: 1\n", File.ReadAllText(path).ReplaceLineEndings("\n"));
        Assert.Equal(["keep.yml"], _dir.Files());
    }

    [Fact]
    public void Versioned_SaveThenLoadLatestOrAGivenVersion()
    {
        var path = _dir.PathOf("p.yml");
        new YamlDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(new Dictionary<string, object?> { ["v"] = 1 });
        new YamlDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(new Dictionary<string, object?> { ["v"] = 2 });
        Assert.Equal(2, ((Dictionary<string, object?>)new YamlDataset(path, version: new DatasetVersion(null, null)).Load()!)["v"]);
        Assert.Equal(1, ((Dictionary<string, object?>)new YamlDataset(path, version: new DatasetVersion("2024-01-01T00.00.00.000Z", null)).Load()!)["v"]);
    }

    [Fact]
    public void Load_Untyped_ReadsIntegersAsTheConfigLoaderDoesAndFloatsAsSafeLoadDoes()
    {
        File.WriteAllText(_dir.PathOf("n.yml"), "sexagesimal: 1:30\nhuge: 1180591620717411303424\nhex: 0x_1F\nshort_float: 1e3\nsigned_exponent: 1.5e+3\n");

        var tree = (Dictionary<string, object?>)new YamlDataset(_dir.PathOf("n.yml")).Load()!;

        Assert.Equal(90, tree["sexagesimal"]);
        Assert.Equal(System.Numerics.BigInteger.Pow(2, 70), tree["huge"]);
        Assert.Equal(31, tree["hex"]);
        Assert.Equal("1e3", tree["short_float"]);
        Assert.Equal(1500.0, tree["signed_exponent"]);
    }

    [Fact]
    public void SaveThenLoad_StringsThatLookTyped_ComeBackAsTheSameStrings()
    {
        string[] texts = ["0x1F", "1:30", "0b11", "010", "1e3", "1_000", "~", "", "Off", ".NaN", "-.inf", "a: b", "# c", " padded ", "two\nlines", "it's", "{x}"];
        var tree = new Dictionary<string, object?> { ["texts"] = texts.Cast<object?>().ToList(), ["1:30"] = "key" };
        var dataset = new YamlDataset(_dir.PathOf("texts.yml"));

        dataset.Save(tree);

        var back = (Dictionary<string, object?>)dataset.Load()!;
        Assert.Equal(texts.Cast<object?>().ToList(), back["texts"]);
        Assert.Equal("key", back["1:30"]);
    }

    [Fact]
    public void SaveThenLoad_Floats_StayFloats()
    {
        var dataset = new YamlDataset(_dir.PathOf("floats.yml"));

        dataset.Save(new Dictionary<string, object?> { ["whole"] = 2.0, ["big"] = 1e20, ["small"] = 0.5 });

        var back = (Dictionary<string, object?>)dataset.Load()!;
        Assert.Equal(2.0, back["whole"]);
        Assert.Equal(1e20, back["big"]);
        Assert.Equal(0.5, back["small"]);
    }

    [Fact]
    public void Load_AsRecord_TwoKeysForOneMember_NamesTheKey()
    {
        File.WriteAllText(_dir.PathOf("twice.yml"), "test_size: 0.2\nTestSize: 0.3\nrandom_state: 3\nfeatures: []\n");

        var error = Assert.Throws<DatasetException>(() => new YamlDataset(_dir.PathOf("twice.yml")).Load(typeof(ModelOptions)));

        Assert.Contains("TestSize", error.Message, StringComparison.Ordinal);
    }
}

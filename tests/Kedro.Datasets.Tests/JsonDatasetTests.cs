using Kedro.Datasets.Tests.Support;
using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class JsonDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_AsRecord_BindsSnakeCaseKeys()
    {
        File.WriteAllText(_dir.PathOf("options.json"), """{"test_size": 0.2, "random_state": 3, "features": ["engines", "crew"]}""");

        var options = (ModelOptions)new JsonDataset(_dir.PathOf("options.json")).Load(typeof(ModelOptions))!;

        Assert.Equal(0.2, options.TestSize);
        Assert.Equal(3, options.RandomState);
        Assert.Equal(["engines", "crew"], options.Features);
    }

    [Fact]
    public void Load_Untyped_IsAPlainTreeInFileOrder()
    {
        File.WriteAllText(_dir.PathOf("tree.json"), """{"b": 1, "a": [1.5, "x", true, null, 3000000000], "c": {"d": false}}""");

        var tree = Assert.IsType<Dictionary<string, object?>>(new JsonDataset(_dir.PathOf("tree.json")).Load());

        Assert.Equal(["b", "a", "c"], tree.Keys);
        Assert.Equal(1, tree["b"]);
        Assert.Equal(new List<object?> { 1.5, "x", true, null, 3000000000L }, tree["a"]);
        Assert.Equal(false, ((Dictionary<string, object?>)tree["c"]!)["d"]);
    }

    [Fact]
    public void SaveThenLoad_Record_WritesSnakeCaseIndentedJson()
    {
        var path = _dir.PathOf("metrics", "model.json");
        var dataset = new JsonDataset(path);
        var model = new LinearModel { Coefficients = [1.5, -2], Intercept = 0.25, Features = ["engines"] };

        dataset.Save(model);

        Assert.Equal("{\n  \"coefficients\": [\n    1.5,\n    -2\n  ],\n  \"intercept\": 0.25,\n  \"features\": [\n    \"engines\"\n  ]\n}",
            File.ReadAllText(path).ReplaceLineEndings("\n"));
        var loaded = (LinearModel)dataset.Load(typeof(LinearModel))!;
        Assert.Equal(model.Coefficients, loaded.Coefficients);
        Assert.Equal(0.25, loaded.Intercept);
    }

    [Fact]
    public async Task SaveAsyncThenLoadAsync_PlainTree_RoundTrips()
    {
        var dataset = new JsonDataset(_dir.PathOf("tree.json"), saveArgs: new Dictionary<string, object?> { ["indent"] = null });
        var tree = new Dictionary<string, object?> { ["r2_score"] = 0.4567, ["name"] = "café", ["items"] = new List<object?> { 1, null } };

        await dataset.SaveAsync(tree);

        Assert.Equal("""{"r2_score":0.4567,"name":"café","items":[1,null]}""", File.ReadAllText(_dir.PathOf("tree.json")));
        Assert.Equal(tree, (Dictionary<string, object?>)(await dataset.LoadAsync(typeof(object)))!);
    }

    [Fact]
    public void Load_IntoTypeThatDoesNotFit_NamesDatasetFileAndType()
    {
        File.WriteAllText(_dir.PathOf("bad.json"), """{"test_size": "big", "random_state": 3, "features": []}""");
        var dataset = new JsonDataset(_dir.PathOf("bad.json"));

        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(ModelOptions)));

        Assert.StartsWith($"Failed while loading data from dataset {dataset}.", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Cannot load '{_dir.PathOf("bad.json")}' as 'ModelOptions': the data does not fit the requested type:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_WhenSerializationFails_LeavesThePreviousFileAndNoTemporaryFile()
    {
        var path = _dir.PathOf("keep.json");
        var dataset = new JsonDataset(path);
        dataset.Save(new Dictionary<string, object?> { ["a"] = 1 });
        var before = File.ReadAllText(path);

        var error = Assert.Throws<DatasetException>(() => dataset.Save(new ThrowingGetter()));

        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(["keep.json"], _dir.Files());
    }

    [Fact]
    public void Versioned_SaveThenLoadLatestOrAGivenVersion()
    {
        var path = _dir.PathOf("metrics.json");
        new JsonDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(new Dictionary<string, object?> { ["v"] = 1 });
        new JsonDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(new Dictionary<string, object?> { ["v"] = 2 });

        Assert.Equal(2, ((Dictionary<string, object?>)new JsonDataset(path, version: new DatasetVersion(null, null)).Load()!)["v"]);
        Assert.Equal(1, ((Dictionary<string, object?>)new JsonDataset(path, version: new DatasetVersion("2024-01-01T00.00.00.000Z", null)).Load()!)["v"]);
    }

    [Fact]
    public void Constructor_LoadArgs_AreNotAJsonDatasetArgumentInKedro()
    {
        var registry = new DatasetTypeRegistry().AddKedroDatasets();
        var error = Assert.Throws<DatasetException>(() => registry.Create("metrics", new Dictionary<string, object?>
        {
            ["type"] = "json.JSONDataset",
            ["filepath"] = _dir.PathOf("m.json"),
            ["load_args"] = new Dictionary<string, object?>(),
        }));
        Assert.Contains("load_args", error.Message, StringComparison.Ordinal);
    }
}

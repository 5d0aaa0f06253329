using Kedro.Datasets.Tests.Support;
using Kedro.IO;

namespace Kedro.Datasets.Tests;

public sealed class PickleDatasetTests : IDisposable
{
    private readonly TempFolder _dir = new("kedro-datasets-tests");

    public void Dispose() => _dir.Dispose();

    private static LinearModel Model() => new() { Coefficients = [0.5, -1.25, 3], Intercept = 42.1, Features = ["engines", "crew"] };

    [Fact]
    public void SaveThenLoad_AsTheRequestedType_RoundTrips()
    {
        var dataset = new PickleDataset(_dir.PathOf("06_models", "regressor.pickle"));

        dataset.Save(Model());
        var loaded = Assert.IsType<LinearModel>(dataset.Load(typeof(LinearModel)));

        Assert.Equal(Model().Coefficients, loaded.Coefficients);
        Assert.Equal(42.1, loaded.Intercept);
        Assert.Equal(["engines", "crew"], loaded.Features);
    }

    [Fact]
    public void File_StartsWithTheHeaderAndNamesTheSavedTypeForMessagesOnly()
    {
        var path = _dir.PathOf("m.pickle");
        new PickleDataset(path).Save(Model());
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("KDNPKL"u8.ToArray(), bytes[..6]);
        Assert.Contains("Kedro.Datasets.Tests.Support.LinearModel", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Untyped_NeverCreatesTheTypeNamedInTheFile()
    {
        var dataset = new PickleDataset(_dir.PathOf("m.pickle"));
        dataset.Save(Model());

        var tree = Assert.IsType<Dictionary<string, object?>>(dataset.Load());

        Assert.Equal(42.1, tree["Intercept"]);
    }

    [Fact]
    public async Task SaveAsyncThenLoadAsync_RoundTrips()
    {
        var dataset = new PickleDataset(_dir.PathOf("m.pickle"));
        await dataset.SaveAsync(new List<ModelOptions> { new(0.2, 1, ["a"]) });
        var loaded = (IReadOnlyList<ModelOptions>)(await dataset.LoadAsync(typeof(IReadOnlyList<ModelOptions>)))!;
        Assert.Equal(0.2, loaded[0].TestSize);
    }

    [Fact]
    public void Load_NotAPickleFile_SaysSo()
    {
        File.WriteAllText(_dir.PathOf("fake.pickle"), "not a pickle");
        var dataset = new PickleDataset(_dir.PathOf("fake.pickle"));
        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(LinearModel)));
        Assert.Contains("is not a Kedro.NET pickle file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AsATypeThatDoesNotFit_NamesSavedAndRequestedTypes()
    {
        var dataset = new PickleDataset(_dir.PathOf("m.pickle"));
        dataset.Save(Model());
        var error = Assert.Throws<DatasetException>(() => dataset.Load(typeof(int)));
        Assert.Contains($"Cannot load '{_dir.PathOf("m.pickle")}' as 'int': the file holds a 'Kedro.Datasets.Tests.Support.LinearModel'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_WhenSerializationFails_LeavesThePreviousFileAndNoTemporaryFile()
    {
        var path = _dir.PathOf("keep.pickle");
        var dataset = new PickleDataset(path);
        dataset.Save(Model());
        var before = File.ReadAllBytes(path);

        Assert.Throws<DatasetException>(() => dataset.Save(new ThrowingGetter()));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["keep.pickle"], _dir.Files());
    }

    [Fact]
    public void Versioned_SaveThenLoadLatestOrAGivenVersion()
    {
        var path = _dir.PathOf("regressor.pickle");
        new PickleDataset(path, version: new DatasetVersion(null, "2024-01-01T00.00.00.000Z")).Save(new LinearModel { Intercept = 1 });
        new PickleDataset(path, version: new DatasetVersion(null, "2024-01-02T00.00.00.000Z")).Save(new LinearModel { Intercept = 2 });
        Assert.Equal(2, ((LinearModel)new PickleDataset(path, version: new DatasetVersion(null, null)).Load(typeof(LinearModel))!).Intercept);
        Assert.Equal(1, ((LinearModel)new PickleDataset(path, version: new DatasetVersion("2024-01-01T00.00.00.000Z", null)).Load(typeof(LinearModel))!).Intercept);
    }

    [Fact]
    public void Constructor_OtherBackend_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PickleDataset(_dir.PathOf("m.pkl"), backend: "joblib"));
        Assert.Equal("PickleDataset supports the 'pickle' backend only, not 'joblib'. Remove 'backend' or set it to 'pickle'.", error.Message);
    }
}

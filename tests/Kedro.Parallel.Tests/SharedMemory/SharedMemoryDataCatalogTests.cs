using System.Buffers;
using Kedro.IO;
using Kedro.IO.Serialization;

namespace Kedro.Parallel.Tests.SharedMemory;

public sealed class SharedMemoryDataCatalogTests : IDisposable
{
    private readonly SharedMemoryTestRoot _root = new();
    private readonly DatasetTypeRegistry _registry = new DatasetTypeRegistry()
        .Register("TextFile", context =>
        {
            context.EnsureOnlyArguments("filepath", "credentials");
            return new TextFile(context.Get<string>("filepath")!);
        });

    public void Dispose() => _root.Dispose();

    public sealed class TextFile(string filepath) : AbstractDataset<string>
    {
        public string Filepath => filepath;

        protected override string LoadCore() => File.ReadAllText(filepath);

        protected override void SaveCore(string data) => File.WriteAllText(filepath, data);

        protected override bool ExistsCore() => File.Exists(filepath);

        protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?> { ["filepath"] = filepath };
    }

    public sealed class TokenSerializer(string token) : IValueSerializer<Uri>
    {
        public void Serialize(Uri value, IBufferWriter<byte> output) => output.Write(System.Text.Encoding.UTF8.GetBytes(token + value));

        public Uri Deserialize(ReadOnlySpan<byte> data) => new(System.Text.Encoding.UTF8.GetString(data)[token.Length..]);
    }

    [Fact]
    public void Get_WithTheRuntimeFallback_CreatesASharedMemoryDataset()
    {
        var catalog = new SharedMemoryDataCatalog();

        var dataset = catalog.Get("intermediate", fallbackToRuntimePattern: true);

        Assert.IsType<SharedMemoryDataset>(dataset);
        Assert.Equal(["{default}"], catalog.ConfigResolver.ListPatterns());
        Assert.Equal("Kedro.IO.SharedMemoryDataset", catalog.GetDatasetType("intermediate"));
        Assert.Null(catalog.Get("unknown"));
    }

    [Fact]
    public void FromConfig_CreatesDeclaredSharedMemoryDatasets_AndRefusesArgumentsTheyDoNotTake()
    {
        var catalog = SharedMemoryDataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["declared"] = new Dictionary<string, object?> { ["type"] = "kedro.io.SharedMemoryDataset" },
            ["wrong"] = new Dictionary<string, object?> { ["type"] = "SharedMemoryDataset", ["filepath"] = "x" },
        });

        Assert.IsType<SharedMemoryDataset>(catalog["declared"]);
        var error = Assert.Throws<DatasetException>(() => catalog["wrong"]);
        Assert.Contains("'Kedro.IO.SharedMemoryDataset' got an unexpected keyword argument 'filepath'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(catalog.SaveVersion);
    }

    [Fact]
    public void From_CarriesConfigurationAndPatterns_AndTurnsEmptyMemoryDatasetsIntoSharedOnes()
    {
        var folder = _root.Path;
        var plain = DataCatalog.FromConfig(
            new Dictionary<string, object?>
            {
                ["cars"] = new Dictionary<string, object?>
                {
                    ["type"] = "TextFile",
                    ["filepath"] = Path.Combine(folder, "cars.txt"),
                    ["credentials"] = "db",
                },
                ["{name}_text"] = new Dictionary<string, object?> { ["type"] = "TextFile", ["filepath"] = Path.Combine(folder, "{name}.txt") },
            },
            credentials: new Dictionary<string, object?> { ["db"] = new Dictionary<string, object?> { ["token"] = "secret" } },
            saveVersion: "2026-01-01T00.00.00.000Z",
            registry: _registry);
        var custom = new TextFile(Path.Combine(folder, "custom.txt"));
        plain["custom"] = custom;
        plain.Set("input", 42);
        var runtime = plain.Get("intermediate", fallbackToRuntimePattern: true);
        var originalCars = plain["cars"];

        var shared = SharedMemoryDataCatalog.From(plain);

        Assert.Equal(Path.Combine(folder, "cars.txt"), Assert.IsType<TextFile>(shared["cars"]).Filepath);
        Assert.NotSame(originalCars, shared["cars"]);
        Assert.Equal(Path.Combine(folder, "boats.txt"), Assert.IsType<TextFile>(shared["boats_text"]).Filepath);
        Assert.Same(custom, shared["custom"]);
        Assert.Equal(42, shared.Load("input"));
        Assert.IsType<SharedMemoryDataset>(shared["intermediate"]);
        Assert.IsType<SharedMemoryDataset>(shared.Get("other", fallbackToRuntimePattern: true));
        Assert.Equal("2026-01-01T00.00.00.000Z", shared.SaveVersion);
        var (config, credentials, _, _) = shared.ToConfig();
        Assert.Equal("cars_credentials", ((Dictionary<string, object?>)config["cars"]!)["credentials"]);
        Assert.Equal("secret", ((Dictionary<string, object?>)credentials["cars_credentials"]!)["token"]);
        Assert.IsType<MemoryDataset>(plain["intermediate"]);
        Assert.Same(runtime, plain["intermediate"]);
        Assert.Equal(["{name}_text", "{default}"], plain.ConfigResolver.ListPatterns());
    }

    [Fact]
    public void From_WhenTheCatalogIsAlreadyShared_ReturnsIt()
    {
        var catalog = new SharedMemoryDataCatalog();

        Assert.Same(catalog, SharedMemoryDataCatalog.From(catalog));
    }

    [Fact]
    public void ValidateCatalog_ListsEveryDatasetThatCannotBeUsedWithMultiprocessing()
    {
        var catalog = new SharedMemoryDataCatalog(
            new Dictionary<string, IDataset>
            {
                ["cached"] = new CachedDataset(new MemoryDataset(1)),
                ["custom"] = new TextFile("custom.txt"),
                ["model_fn"] = new MemoryDataset((Func<int>)(() => 1), CopyMode.Assign),
                ["input"] = new MemoryDataset(42),
                ["output"] = new MemoryDataset(),
                ["shared"] = new SharedMemoryDataset(),
            },
            new CatalogConfigResolver(
                new Dictionary<string, object?> { ["cars"] = new Dictionary<string, object?> { ["type"] = "TextFile", ["filepath"] = "cars.txt" } },
                defaultRuntimePatterns: new Dictionary<string, object?> { ["{default}"] = new Dictionary<string, object?> { ["type"] = "SharedMemoryDataset" } }),
            registry: _registry);

        var error = Assert.Throws<DatasetException>(() => catalog.ValidateCatalog());

        Assert.Equal(
            "The following datasets cannot be used with multiprocessing: ['cached', 'custom', 'model_fn']\n"
            + "  'cached': it is a single-process dataset (IsSingleProcess is true): its data lives in this process only.\n"
            + "  'custom': it is a 'SharedMemoryDataCatalogTests.TextFile' added in code, which a worker process cannot re-create; declare it in the catalog configuration instead.\n"
            + "  'model_fn': it holds a value of type 'Func<int>' that is a delegate (a function), which cannot be serialised.\n"
            + "In order to utilize multiprocessing you need to make sure all datasets can be re-created in a worker process: "
            + "declare them in the catalog configuration (type and arguments) rather than adding instances in code, "
            + "give memory datasets only serialisable data, and do not use single-process datasets such as CachedDataset.",
            error.Message);
    }

    [Fact]
    public void ValidateCatalog_WithNames_ChecksOnlyThoseDatasets()
    {
        var catalog = new SharedMemoryDataCatalog(new Dictionary<string, IDataset>
        {
            ["cached"] = new CachedDataset(new MemoryDataset(1)),
            ["a"] = new MemoryDataset(1),
        });

        catalog.ValidateCatalog(["a", "not_in_catalog"]);
        Assert.Throws<DatasetException>(() => catalog.ValidateCatalog(["a", "cached"]));
    }

    [Fact]
    public void ValidateCatalog_FlagsSingleProcessDatasetsEvenWhenConfigured()
    {
        var catalog = SharedMemoryDataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["cached"] = new Dictionary<string, object?>
            {
                ["type"] = "CachedDataset",
                ["dataset"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset" },
            },
        });

        var error = Assert.Throws<DatasetException>(() => catalog.ValidateCatalog());

        Assert.StartsWith("The following datasets cannot be used with multiprocessing: ['cached']", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateCatalog_WithConfiguredMemoryAndSharedDatasets_Passes()
    {
        var catalog = new SharedMemoryDataCatalog(
            new Dictionary<string, IDataset> { ["a"] = new MemoryDataset(1), ["params:x"] = new MemoryDataset(new Dictionary<string, object?> { ["k"] = 1.5 }) },
            new CatalogConfigResolver(
                new Dictionary<string, object?> { ["cars"] = new Dictionary<string, object?> { ["type"] = "TextFile", ["filepath"] = "cars.txt" } },
                defaultRuntimePatterns: new Dictionary<string, object?> { ["{default}"] = new Dictionary<string, object?> { ["type"] = "SharedMemoryDataset" } }),
            registry: _registry);
        catalog.Get("intermediate", fallbackToRuntimePattern: true);

        catalog.ValidateCatalog();
    }

    [Fact]
    public void ValidateCatalog_ListsSerializersAWorkerCannotRecreate()
    {
        var catalog = new SharedMemoryDataCatalog(new Dictionary<string, IDataset> { ["custom"] = new TextFile("x") });
        var serializers = new ValueSerializerRegistry().Register(new TokenSerializer("t"));

        var error = Assert.Throws<DatasetException>(() => catalog.ValidateCatalog(names: null, serializers));

        Assert.Contains("['custom']", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            "\nThe following value serializers cannot be re-created in a worker process:\n  'SharedMemoryDataCatalogTests.TokenSerializer' (for 'Uri'): it has no public parameterless constructor.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void SetManagerDatasets_GivesEverySharedDatasetTheManager_IncludingLaterOnes()
    {
        var early = new SharedMemoryDataset();
        early.Save(new[] { 1, 2 });
        var catalog = new SharedMemoryDataCatalog(
            new Dictionary<string, IDataset> { ["early"] = early },
            new CatalogConfigResolver(
                new Dictionary<string, object?> { ["declared"] = new Dictionary<string, object?> { ["type"] = "SharedMemoryDataset" } },
                defaultRuntimePatterns: new Dictionary<string, object?> { ["{default}"] = new Dictionary<string, object?> { ["type"] = "SharedMemoryDataset" } }));
        using var manager = _root.CreateManager();

        catalog.SetManagerDatasets(manager, catalog.Keys);
        catalog.Get("later", fallbackToRuntimePattern: true);
        catalog.Save("later", "value");

        Assert.Same(manager, early.Manager);
        Assert.Same(manager, ((SharedMemoryDataset)catalog["declared"]).Manager);
        Assert.Same(manager, ((SharedMemoryDataset)catalog["later"]).Manager);
        Assert.Equal([1, 2], catalog.Load<int[]>("early"));
        Assert.Equal("value", catalog.Load("later"));
        Assert.Equal(2, manager.Segments().Count);
        Assert.Contains(manager.Segments(), id => id.StartsWith("early-", StringComparison.Ordinal));
        Assert.Contains(manager.Segments(), id => id.StartsWith("later-", StringComparison.Ordinal));
    }

    [Fact]
    public void SetManagerDatasets_TouchesOnlyTheNamedDatasets_AndClearManagerForgetsTheEndedRun()
    {
        var mine = new SharedMemoryDataset();
        var theirs = new SharedMemoryDataset();
        var catalog = new SharedMemoryDataCatalog(
            new Dictionary<string, IDataset> { ["mine"] = mine, ["theirs"] = theirs },
            new CatalogConfigResolver(
                defaultRuntimePatterns: new Dictionary<string, object?> { ["{default}"] = new Dictionary<string, object?> { ["type"] = "SharedMemoryDataset" } }));
        using var other = _root.CreateManager();
        using var manager = _root.CreateManager();
        catalog.SetManagerDatasets(other, ["theirs"]);

        catalog.SetManagerDatasets(manager, ["mine", "not_in_catalog"]);
        Assert.Same(manager, mine.Manager);
        Assert.Same(other, theirs.Manager); // another run's dataset keeps its run's memory

        catalog.ClearManager(other); // not the current one: nothing changes
        Assert.Same(manager, ((SharedMemoryDataset)catalog.Get("later", fallbackToRuntimePattern: true)!).Manager);
        catalog.ClearManager(manager);
        Assert.Null(((SharedMemoryDataset)catalog.Get("after", fallbackToRuntimePattern: true)!).Manager);
    }

    public sealed record Options(string Name, int Depth);

    [Fact]
    public void LoadOfT_ThroughTheCatalog_ReadsTheSharedValueAsTheRequestedType()
    {
        var catalog = new SharedMemoryDataCatalog();
        using var manager = _root.CreateManager();
        catalog.SetManagerDatasets(manager, catalog.Keys);
        catalog.Get("params:options", fallbackToRuntimePattern: true);
        catalog.Save("params:options", new Dictionary<string, object?> { ["Name"] = "tree", ["Depth"] = 3 });

        Assert.Equal(new Options("tree", 3), catalog.Load<Options>("params:options"));
    }

    [Fact]
    public void Release_ThroughTheCatalog_FreesTheSegment()
    {
        var catalog = new SharedMemoryDataCatalog();
        using var manager = _root.CreateManager();
        catalog.SetManagerDatasets(manager, catalog.Keys);
        catalog.Get("x", fallbackToRuntimePattern: true);
        catalog.Save("x", new double[1000]);

        catalog.Release("x");

        Assert.Empty(manager.Segments());
        Assert.False(catalog.Exists("x"));
    }

    [Fact]
    public void ToWorkerConfig_DescribesPersistentDatasetsButNotSharedOnes()
    {
        var catalog = SharedMemoryDataCatalog.FromConfig(
            new Dictionary<string, object?>
            {
                ["cars"] = new Dictionary<string, object?> { ["type"] = "TextFile", ["filepath"] = "cars.txt" },
                ["declared"] = new Dictionary<string, object?> { ["type"] = "SharedMemoryDataset" },
            },
            registry: _registry);
        catalog.Get("intermediate", fallbackToRuntimePattern: true);

        var (config, _, loadVersions, saveVersion) = catalog.ToWorkerConfig();

        Assert.Equal(["cars"], config.Keys);
        Assert.Equal(["cars"], loadVersions.Keys);
        Assert.Equal(catalog.SaveVersion, saveVersion);
    }
}

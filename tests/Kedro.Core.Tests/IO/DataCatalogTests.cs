using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Core.Tests.IO;

public class DataCatalogTests
{
    private static Dictionary<string, object?> Memory(object? data = null)
    {
        var config = new Dictionary<string, object?> { ["type"] = "MemoryDataset" };
        if (data is not null)
        {
            config["data"] = data;
        }

        return config;
    }

    private static DatasetTypeRegistry TestRegistry() => new DatasetTypeRegistry()
        .Register<FakeCsvDataset>(c =>
        {
            c.EnsureOnlyArguments("filepath", "credentials", "save_args");
            return new FakeCsvDataset(c.Get<string>("filepath") ?? "", c.Arguments.GetValueOrDefault("credentials"));
        }, "pandas.CSVDataset")
        .Register<FakeParquetDataset>(_ => new FakeParquetDataset(), "pandas.ParquetDataset")
        .Register<VersionedText>(c => new VersionedText(c.Get<string>("filepath")!, c.Version), "text.VersionedText");

    [Fact]
    public void Save_ThenLoad_ReturnsSavedData()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["test"] = new MemoryDataset() });
        catalog.Save("test", new List<int> { 1, 2 });
        Assert.Equal([1, 2], catalog.Load<List<int>>("test"));

        catalog["other"] = new MemoryDataset();
        catalog.Save("other", "x");
        Assert.Equal("x", catalog.Load("other"));
    }

    [Fact]
    public void Load_WhenDatasetFails_PrefixesMessageWithName()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["access_without_load"] = new MemoryDataset(),
            ["test"] = new MemoryDataset(),
        });

        var load = Assert.Throws<DatasetException>(() => catalog.Load("access_without_load"));
        Assert.Equal("access_without_load: Data for MemoryDataset has not been saved yet.", load.Message);
        var save = Assert.Throws<DatasetException>(() => catalog.Save("test", null));
        Assert.StartsWith("test: Saving 'null' to a 'Dataset' is not allowed", save.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_ExistingName_ReplacesAndLogsWarning()
    {
        var logger = new ListLogger();
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["test"] = new MemoryDataset(1) }, logger: logger);

        catalog["test"] = new MemoryDataset(2);

        Assert.Equal(2, catalog.Load<int>("test"));
        Assert.Contains((LogLevel.Warning, "Replacing dataset 'test'"), logger.Entries);
    }

    [Fact]
    public void Operations_OnUnknownName_ThrowNotFoundWithoutSuggestions()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["tes"] = new MemoryDataset(1) });

        foreach (var action in new Action[] { () => catalog.Load("test"), () => catalog.Save("test", 1), () => catalog.Release("test"), () => _ = catalog["test"] })
        {
            var error = Assert.Throws<DatasetNotFoundException>(action);
            Assert.Equal("Dataset 'test' not found in the catalog", error.Message);
            Assert.DoesNotContain("did you mean", error.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.False(catalog.Exists("test"));
        Assert.Null(catalog.Get("test"));
        Assert.Null(catalog.GetDatasetType("test"));
        Assert.False(catalog.Contains("test"));
    }

    [Fact]
    public void Exists_IsFalseBeforeSaveAndTrueAfter()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["test"] = new MemoryDataset() });
        Assert.False(catalog.Exists("test"));
        catalog.Save("test", 5);
        Assert.True(catalog.Exists("test"));
        catalog.Release("test");
        Assert.False(catalog.Exists("test"));
    }

    [Fact]
    public void Filter_ByNameAndType_KeepsMatchesInKeyOrder()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["abc"] = new FakeCsvDataset("a.csv", null),
            ["def"] = new FakeCsvDataset("d.csv", null),
            ["xyz"] = new FakeParquetDataset(),
        });

        Assert.Equal(["abc"], catalog.Filter(nameRegex: "^a"));
        Assert.Equal(["abc", "xyz"], catalog.Filter(nameRegex: "a|x"));
        Assert.Empty(catalog.Filter(nameRegex: "^(?!(a|d|x))"));
        Assert.Equal(["def"], catalog.Filter(nameRegex: "def"));
        Assert.Empty(catalog.Filter(nameRegex: "ghi"));
        Assert.Equal(["abc", "def", "xyz"], catalog.Filter(nameRegex: ""));
        Assert.ThrowsAny<ArgumentException>(() => catalog.Filter(nameRegex: "(("));
        Assert.Empty(catalog.Filter(new Regex("^A")));
        Assert.Equal(["abc"], catalog.Filter(new Regex("^A", RegexOptions.IgnoreCase)));
        Assert.Equal(["abc", "def"], catalog.Filter(nameRegex: "a|d|x", typeRegex: "FakeCsvDataset"));
        Assert.Equal(["abc", "def", "xyz"], catalog.Filter(typeRegex: "Kedro.Core.Tests"));
        Assert.Equal(["xyz"], catalog.Filter(typeRegex: "FakeParquetDataset"));
        Assert.Empty(catalog.Filter(typeRegex: "no_such_dataset"));
    }

    [Fact]
    public void Filter_OnLazyAndMaterialisedDatasets_UsesTypesWithoutCreating()
    {
        var config = new Dictionary<string, object?>
        {
            ["boats"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = "boats.csv" },
            ["cars"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = "cars.csv" },
        };
        var catalog = DataCatalog.FromConfig(config, registry: TestRegistry());
        catalog["materialized"] = new FakeParquetDataset();

        Assert.Equal(["boats", "materialized"], catalog.Filter(nameRegex: "b|m"));
        Assert.Equal(["boats", "cars", "materialized"], catalog.Filter());
        Assert.Equal(["boats", "cars"], catalog.Filter(typeRegex: "FakeCsvDataset"));
        Assert.Equal(["materialized"], catalog.Filter(byType: [typeof(FakeParquetDataset)]));
        Assert.Equal(["boats", "cars", "materialized"], catalog.Filter(byType: [typeof(FakeCsvDataset), typeof(FakeParquetDataset)]));
        Assert.Equal(["materialized"], catalog.Filter(typeRegex: "FakeParquetDataset", byType: [typeof(FakeParquetDataset)]));
        Assert.Empty(catalog.Filter(nameRegex: "b|c", byType: [typeof(FakeParquetDataset)]));
        Assert.Equal(["boats", "cars", "materialized"], catalog.Keys);
    }

    [Fact]
    public void Get_FromConfig_MaterialisesOnlyTheRequestedDataset()
    {
        var config = new Dictionary<string, object?>
        {
            ["boats"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = "boats.csv" },
            ["cars"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = "cars.csv" },
        };
        var catalog = DataCatalog.FromConfig(config, registry: TestRegistry());

        var csv = typeof(FakeCsvDataset).FullName;
        Assert.Equal($"'boats': {csv}\n'cars': {csv}", catalog.ToString());
        Assert.IsType<FakeCsvDataset>(catalog.Get("boats"));
        Assert.Equal(["cars", "boats"], catalog.Keys); // lazy first, then materialised
        Assert.Equal($"'boats': FakeCsv(boats.csv)\n'cars': {csv}", catalog.ToString());
        Assert.IsType<FakeCsvDataset>(catalog["cars"]);
        Assert.Equal(["boats", "cars"], catalog.Keys);
    }

    [Fact]
    public void Confirm_CallsDatasetOnceAndLogs()
    {
        var logger = new ListLogger();
        var confirmable = new ConfirmableDataset();
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["mocked"] = confirmable, ["test"] = new MemoryDataset() }, logger: logger);

        catalog.Confirm("mocked");

        Assert.Equal(1, confirmable.Confirmed);
        Assert.Contains((LogLevel.Information, "Confirming dataset 'mocked'"), logger.Entries);
        Assert.Equal("Dataset 'missing' not found in the catalog", Assert.Throws<DatasetNotFoundException>(() => catalog.Confirm("missing")).Message);
        Assert.Equal("Dataset 'test' does not have 'confirm' method", Assert.Throws<DatasetException>(() => catalog.Confirm("test")).Message);
    }

    [Fact]
    public void Set_RawData_WrapsItInMemoryDataset()
    {
        var catalog = new DataCatalog();
        catalog.Set("df", new List<string> { "a" });
        catalog.Set("test", 123);

        Assert.True(catalog.Contains("df"));
        Assert.IsType<MemoryDataset>(catalog["df"]);
        Assert.IsType<MemoryDataset>(catalog["test"]);
        Assert.Equal(123, catalog.Load<int>("test"));
    }

    [Fact]
    public void Constructor_DatasetsArgumentBeatsConfig_WithWarning()
    {
        var logger = new ListLogger();
        var resolver = new CatalogConfigResolver(new Dictionary<string, object?>
        {
            ["existing_ds"] = Memory("from_config"),
            ["new_ds"] = Memory("new_data"),
        }, defaultRuntimePatterns: new Dictionary<string, object?> { ["{default}"] = Memory() });

        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["existing_ds"] = new MemoryDataset("from_datasets") }, resolver, logger: logger);

        Assert.Contains(logger.Entries, e => e.Message.Contains("Cannot register dataset 'existing_ds' from config", StringComparison.Ordinal));
        Assert.Equal("from_datasets", catalog.Load("existing_ds"));
        Assert.Equal("new_data", catalog.Load("new_ds"));
        Assert.False(catalog.ConfigResolver.Config.ContainsKey("existing_ds"));
    }

    [Fact]
    public void FromConfig_LoadVersionsForUnknownNames_Throws()
    {
        var config = new Dictionary<string, object?> { ["boats"] = Memory() };
        var error = Assert.Throws<DatasetNotFoundException>(() =>
            DataCatalog.FromConfig(config, loadVersions: new Dictionary<string, string> { ["version"] = "v" }));
        Assert.Equal("'load_versions' keys [version] are not found in the catalog.", error.Message);
        error = Assert.Throws<DatasetNotFoundException>(() =>
            DataCatalog.FromConfig(config, loadVersions: new Dictionary<string, string> { ["non-boat"] = "v", ["a"] = "v" }));
        Assert.Equal("'load_versions' keys [a, non-boat] are not found in the catalog.", error.Message);
    }

    [Fact]
    public void Get_WithRuntimeFallback_CreatesAndRegistersMemoryDataset()
    {
        var catalog = new DataCatalog();
        Assert.Null(catalog.Get("x"));
        Assert.False(catalog.Contains("x"));

        var dataset = catalog.Get("x", fallbackToRuntimePattern: true);

        Assert.IsType<MemoryDataset>(dataset);
        Assert.True(catalog.Contains("x"));
        Assert.Same(dataset, catalog["x"]);
        Assert.Equal(["x"], catalog.Keys);
        Assert.Equal(["{default}"], catalog.ConfigResolver.ListPatterns());
    }

    [Fact]
    public void ToConfig_ReturnsConfigWithCredentialsMovedOutAndWithoutMemoryDatasets()
    {
        var config = new Dictionary<string, object?>
        {
            ["boats"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = "boats.csv", ["credentials"] = "s3" },
            ["params"] = Memory(1),
            ["{name}_csv"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = "{name}.csv" },
        };
        var credentials = new Dictionary<string, object?> { ["s3"] = new Dictionary<string, object?> { ["key"] = "secret" } };
        var catalog = DataCatalog.FromConfig(config, credentials, saveVersion: "sv", registry: TestRegistry());
        catalog.Set("raw", new List<int>());
        _ = catalog["cars_csv"];

        var (catalogConfig, creds, loadVersions, saveVersion) = catalog.ToConfig();

        Assert.Equal(["boats", "cars_csv"], catalogConfig.Keys);
        var boats = Assert.IsType<Dictionary<string, object?>>(catalogConfig["boats"]);
        Assert.Equal("boats_credentials", boats["credentials"]);
        Assert.Equal("secret", ((Dictionary<string, object?>)creds["boats_credentials"]!)["key"]);
        Assert.Equal("cars.csv", ((Dictionary<string, object?>)catalogConfig["cars_csv"]!)["filepath"]);
        Assert.Equal(new Dictionary<string, string?> { ["boats"] = null, ["cars_csv"] = null }, loadVersions);
        Assert.Equal("sv", saveVersion);
        Assert.DoesNotContain("secret", catalog.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfig_InvalidEntries_ThrowKedroMessages()
    {
        var missingType = Assert.Throws<DatasetException>(() => DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["boats"] = new Dictionary<string, object?> { ["filepath"] = "x" },
        }));
        Assert.StartsWith("An exception occurred when parsing config for dataset 'boats':\n'type' is missing from dataset catalog configuration", missingType.Message, StringComparison.Ordinal);

        var notMapping = Assert.Throws<DatasetException>(() => DataCatalog.FromConfig(new Dictionary<string, object?> { ["invalid_entry"] = "some string" }));
        Assert.Equal(
            "Catalog entry 'invalid_entry' is not a valid dataset configuration. \nHint: If this catalog entry is intended for variable interpolation, make sure that the key is preceded by an underscore.",
            notMapping.Message);

        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["boats"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDatasetInvalid" },
            ["cars"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = "c", ["unknown_arg"] = 1 },
        }, registry: TestRegistry());
        var unknown = Assert.Throws<DatasetException>(() => catalog.Get("boats"));
        Assert.StartsWith("An exception occurred when parsing config for dataset 'boats':\nClass 'pandas.CSVDatasetInvalid' not found, is this a typo?", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("DatasetTypeRegistry", unknown.Message, StringComparison.Ordinal);
        Assert.True(catalog.Contains("boats")); // unlike Kedro, a failed creation keeps the entry, so the next access fails the same way

        var badArgument = Assert.Throws<DatasetException>(() => catalog.Get("cars"));
        Assert.Matches("Dataset 'cars' must only contain arguments valid for the constructor of '.*FakeCsvDataset'", badArgument.Message);
        Assert.Contains("unknown_arg", badArgument.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfig_Null_GivesEmptyCatalog_AndBuildsTwiceFromSameConfig()
    {
        Assert.Empty(DataCatalog.FromConfig(null));
        var config = new Dictionary<string, object?> { ["a"] = Memory(1), ["b"] = Memory(2), ["c"] = Memory(3) };
        var first = DataCatalog.FromConfig(config);
        var second = DataCatalog.FromConfig(config);
        Assert.Equal(["a", "b", "c"], first.ToList());
        Assert.Equal(first.Keys, second.Keys);
        Assert.Equal(3, second.Count);
        Assert.All(second.Values(), v => Assert.IsType<MemoryDataset>(v));
    }

    [Fact]
    public void FromConfig_Credentials_AreResolvedIncludingNestedReferences()
    {
        var credentials = new Dictionary<string, object?>
        {
            ["cred"] = new Dictionary<string, object?> { ["token"] = "t" },
            ["other_credentials"] = new Dictionary<string, object?> { ["user"] = "u" },
        };
        var config = new Dictionary<string, object?>
        {
            ["cars"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["filepath"] = "c", ["credentials"] = "cred" },
            ["boats"] = new Dictionary<string, object?>
            {
                ["type"] = "pandas.CSVDataset",
                ["filepath"] = "b",
                ["credentials"] = new Dictionary<string, object?>
                {
                    ["client_kwargs"] = new Dictionary<string, object?> { ["credentials"] = "other_credentials" },
                    ["key"] = "secret",
                },
            },
        };
        var catalog = DataCatalog.FromConfig(config, credentials, registry: TestRegistry());

        var cars = Assert.IsType<FakeCsvDataset>(catalog["cars"]);
        Assert.Equal("t", ((IDictionary<string, object?>)cars.Credentials!)["token"]);
        var boats = Assert.IsType<FakeCsvDataset>(catalog["boats"]);
        var nested = (IDictionary<string, object?>)((IDictionary<string, object?>)boats.Credentials!)["client_kwargs"]!;
        Assert.Equal("u", ((IDictionary<string, object?>)nested["credentials"]!)["user"]);

        config["cars"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["credentials"] = "missing" };
        var error = Assert.Throws<KeyNotFoundException>(() => DataCatalog.FromConfig(config, credentials));
        Assert.Equal(
            "Unable to find credentials 'missing': check your data catalog and credentials configuration. See https://docs.kedro.org/en/stable/catalog-data/data_catalog/ for an example.",
            error.Message);
    }

    [Fact]
    public void LoadVersions_FromConfig_LoadAndSaveSpecificVersions()
    {
        var dir = Directory.CreateTempSubdirectory("kedro-catalog-");
        try
        {
            var path = Path.Combine(dir.FullName, "boats.txt");
            var config = new Dictionary<string, object?>
            {
                ["boats"] = new Dictionary<string, object?> { ["type"] = "text.VersionedText", ["filepath"] = path, ["versioned"] = true },
                ["plain"] = new Dictionary<string, object?> { ["type"] = "text.VersionedText", ["filepath"] = Path.Combine(dir.FullName, "plain.txt") },
            };
            DataCatalog.FromConfig(config, saveVersion: "first", registry: TestRegistry()).Save("boats", "one");
            var second = DataCatalog.FromConfig(config, saveVersion: "second", registry: TestRegistry());
            second.Save("boats", "two");

            Assert.True(File.Exists(Path.Combine(path, "first", "boats.txt")));
            Assert.Equal("one", second.Load("boats", version: "first"));
            Assert.Equal("two", second.Load("boats", version: "second"));
            Assert.Equal("two", second.Load("boats"));
            var pinned = DataCatalog.FromConfig(config, loadVersions: new Dictionary<string, string> { ["boats"] = "first" }, registry: TestRegistry());
            Assert.Equal("one", pinned.Load("boats"));
            Assert.Equal("first", pinned.LoadVersions["boats"]);

            second.Save("plain", "p");
            Assert.Equal("p", second.Load("plain"));
            Assert.ThrowsAny<DatasetException>(() => second.Load("plain", version: "first"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Constructor_DatasetsWithDifferentSaveVersions_Throws()
    {
        var dataset = new VersionedText("x.txt", new DatasetVersion("L", "S"));
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["ds_versioned"] = dataset });
        Assert.Equal("L", catalog.LoadVersions["ds_versioned"]);
        Assert.Equal("S", catalog.SaveVersion);

        catalog["ds_same"] = new VersionedText("x.txt", new DatasetVersion("L2", "S"));
        Assert.Equal("L2", catalog.LoadVersions["ds_same"]);
        var error = Assert.Throws<VersionAlreadyExistsException>(() => catalog["ds_other"] = new CachedDataset(new VersionedText("x.txt", new DatasetVersion(null, "T"))));
        Assert.Equal(
            "Cannot add a dataset `ds_other` with `T` save version. Save version set for the catalog is `S`All datasets in the catalog must have the same save version.",
            error.Message);

        var fromConfig = DataCatalog.FromConfig(new Dictionary<string, object?>());
        Assert.Throws<VersionAlreadyExistsException>(() => fromConfig["v"] = new VersionedText("x.txt", new DatasetVersion(null, "other")));
    }

    [Fact]
    public void Set_OverConfiguredDataset_ClearsConfigAndLoadVersion()
    {
        var resolver = new CatalogConfigResolver(
            new Dictionary<string, object?> { ["my_dataset"] = Memory("from_config") },
            defaultRuntimePatterns: new Dictionary<string, object?> { ["{default}"] = Memory() });
        var catalog = new DataCatalog(null, resolver, new Dictionary<string, string> { ["my_dataset"] = "old" });

        catalog["my_dataset"] = new MemoryDataset("new_data");

        Assert.Equal("new_data", catalog.Load("my_dataset"));
        Assert.False(resolver.Config.ContainsKey("my_dataset"));
        Assert.False(catalog.LoadVersions.ContainsKey("my_dataset"));
    }

    [Fact]
    public void Patterns_ResolveCaseInsensitivelyBySpecificityAndRegisterOnUse()
    {
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["{name}_csv"] = Memory("{name}"),
            ["{ns}.{name}"] = Memory("ns={ns} name={name}"),
            ["explicit"] = Memory("x"),
        });

        Assert.True(catalog.Contains("foo_csv"));
        Assert.True(catalog.Contains("FOO_CSV"));
        Assert.False(catalog.Contains("plain"));
        Assert.Equal("Kedro.IO.MemoryDataset", catalog.GetDatasetType("FOO_CSV"));
        Assert.Equal(["explicit"], catalog.Keys); // GetDatasetType does not register
        Assert.Equal("FOO", catalog.Load("FOO_CSV"));
        Assert.Equal("ns=a name=b.c", catalog.Load("a.b.c"));
        Assert.Equal(["{name}_csv", "{ns}.{name}", "{default}"], catalog.ConfigResolver.ListPatterns());
        Assert.Equal(["explicit", "FOO_CSV", "a.b.c"], catalog.Keys);
    }

    [Fact]
    public void UserCatchAll_MatchesAnyNameAndWarns()
    {
        var logger = new ListLogger();
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["{default}"] = Memory(5),
            ["x_{y}"] = Memory(6),
        }, logger: logger);

        Assert.True(catalog.Contains("anything"));
        Assert.Equal(5, catalog.Load("anything"));
        Assert.Equal(6, catalog.Load("x_1"));
        Assert.Equal(["x_{y}", "{default}"], catalog.ConfigResolver.ListPatterns());
        Assert.Contains((LogLevel.Warning, "Config from the dataset pattern '{default}' in the catalog will be used to override the default dataset creation for 'anything'"), logger.Entries);
    }

    [Fact]
    public void LoadOfT_WhenValueHasAnotherType_NamesDatasetAndTypes()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["b"] = new MemoryDataset("text") });
        var error = Assert.Throws<DatasetException>(() => catalog.Load<int>("b"));
        Assert.Equal("Dataset 'b' loaded a value of type 'string', which is not a 'int'.", error.Message);
    }

    [Fact]
    public async Task LoadAsyncAndSaveAsync_RoundTrip()
    {
        var catalog = new DataCatalog();
        catalog["a"] = new MemoryDataset();
        await catalog.SaveAsync("a", 42);
        Assert.Equal(42, await catalog.LoadAsync("a"));
        Assert.Equal(42, await catalog.LoadAsync<int>("a"));
        var error = await Assert.ThrowsAsync<DatasetNotFoundException>(async () => await catalog.LoadAsync("missing"));
        Assert.Equal("Dataset 'missing' not found in the catalog", error.Message);
    }

    [Fact]
    public void Load_LogsKedroLines()
    {
        var logger = new ListLogger();
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["a"] = new MemoryDataset() }, logger: logger);
        catalog.Save("a", 1);
        _ = catalog.Load("a");
        Assert.Equal(
            [(LogLevel.Information, "Saving data to a (MemoryDataset)..."), (LogLevel.Information, "Loading data from a (MemoryDataset)...")],
            logger.Entries);
    }

    [Fact]
    public void VersionKeyInConfig_IsRemovedWithWarning()
    {
        var logger = new ListLogger();
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["boats"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset", ["version"] = true },
        }, logger: logger);
        Assert.IsType<MemoryDataset>(catalog["boats"]);
        Assert.Contains((LogLevel.Warning, "'version' attribute removed from dataset configuration since it is a reserved word and cannot be directly specified"), logger.Entries);
    }

    [Fact]
    public void ConcurrentUse_CreatesOneDatasetPerNameAndKeepsData()
    {
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?> { ["{name}_m"] = Memory() });
        var seen = new ConcurrentDictionary<string, ConcurrentBag<IDataset>>();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var name = "d" + (i % 50);
            var dataset = catalog.Get(name, fallbackToRuntimePattern: true)!;
            seen.GetOrAdd(name, _ => []).Add(dataset);
            seen.GetOrAdd(name + "_m", _ => []).Add(catalog[name + "_m"]);
            _ = catalog.Get("own" + i, fallbackToRuntimePattern: true);
            catalog.Save("own" + i, i);
            Assert.Equal(i, catalog.Load<int>("own" + i));
        });

        Assert.All(seen.Values, bag => Assert.Single(bag.Distinct()));
        Parallel.For(0, 200, i =>
        {
            catalog.Set("s" + i, i);
            Assert.Equal(i, catalog.Load<int>("s" + i));
            Assert.True(catalog.Exists("s" + i));
        });
        Assert.Equal(50 + 50 + 2000 + 200, catalog.Count);
    }
}

file sealed class FakeCsvDataset(string filepath, object? credentials) : AbstractDataset<object?>
{
    private object? _data;

    public object? Credentials => credentials;

    protected override object? LoadCore() => _data;

    protected override void SaveCore(object? data) => _data = data;

    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?> { ["filepath"] = filepath };

    public override string ToString() => $"FakeCsv({filepath})";
}

file sealed class FakeParquetDataset : AbstractDataset<object?>
{
    protected override object? LoadCore() => null;

    protected override void SaveCore(object? data)
    {
    }

    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>();
}

file sealed class VersionedText(string filepath, DatasetVersion? version) : AbstractVersionedDataset<string>(filepath, version)
{
    protected override string LoadCore() => File.ReadAllText(GetLoadPath());

    protected override void SaveCore(string data)
    {
        var path = GetSavePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, data);
    }

    protected override IReadOnlyDictionary<string, object?> DescribeCore() =>
        new Dictionary<string, object?> { ["filepath"] = FilePath, ["version"] = Version?.ToString() };
}

file sealed class ConfirmableDataset : AbstractDataset<object?>, IConfirmableDataset
{
    public int Confirmed { get; private set; }

    public void Confirm() => Confirmed++;

    protected override object? LoadCore() => null;

    protected override void SaveCore(object? data)
    {
    }

    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>();
}

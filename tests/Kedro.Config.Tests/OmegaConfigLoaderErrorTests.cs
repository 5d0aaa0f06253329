using Kedro.Config.Tests.Support;

namespace Kedro.Config.Tests;

/// <summary>Every error the loader raises, with its message.</summary>
public sealed class OmegaConfigLoaderErrorTests : IDisposable
{
    private readonly ConfFolder _conf = new();

    public void Dispose() => _conf.Dispose();

    [Fact]
    public void Indexer_NoBaseFolder_ThrowsMissingConfigNamingBase()
    {
        _conf.Folder("local");

        var error = Assert.Throws<MissingConfigException>(() => _conf.Loader()["catalog"]);

        Assert.Equal($"Given configuration path either does not exist or is not a valid directory: {_conf.PathOf("base")}", error.Message);
    }

    [Fact]
    public void Indexer_NoLocalFolder_ThrowsMissingConfigNamingLocal()
    {
        _conf.Write("base/catalog.yml", "a: {type: MemoryDataset}");

        var error = Assert.Throws<MissingConfigException>(() => _conf.Loader()["catalog"]);

        Assert.Equal($"Given configuration path either does not exist or is not a valid directory: {_conf.PathOf("local")}", error.Message);
    }

    [Fact]
    public void Indexer_UnknownEnvironment_ThrowsMissingConfigNamingIt()
    {
        _conf.Write("base/catalog.yml", "a: {type: MemoryDataset}");
        _conf.Folder("local");

        var error = Assert.Throws<MissingConfigException>(() => _conf.Loader(env: "prod")["catalog"]);

        Assert.EndsWith(Path.Combine(_conf.Root, "prod"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_ConfSourceMissing_ThrowsMissingConfigNamingBase()
    {
        var loader = new OmegaConfigLoader(_conf.PathOf("does-not-exist"));

        var error = Assert.Throws<MissingConfigException>(() => loader["parameters"]);

        Assert.Equal(
            $"Given configuration path either does not exist or is not a valid directory: {Path.Combine(_conf.Root, "does-not-exist", "base")}",
            error.Message);
    }

    [Fact]
    public void Indexer_NoMatchingFiles_ThrowsMissingConfigListingThePatterns()
    {
        _conf.Write("base/db.ini", "[db]\nhost=x\n");
        _conf.Folder("local");
        var loader = _conf.Loader(configPatterns: new Dictionary<string, IReadOnlyList<string>> { ["db"] = ["db*"] });

        var error = Assert.Throws<MissingConfigException>(() => loader["db"]);

        Assert.Equal(
            $"No files of YAML or JSON format found in {_conf.PathOf("base")} or {_conf.PathOf("local")} matching the glob pattern(s): ['db*']",
            error.Message);
    }

    [Fact]
    public void Indexer_NoCredentialsFiles_ThrowsMissingConfigWithTheThreePatterns()
    {
        _conf.Folder("base");
        _conf.Folder("local");

        var error = Assert.Throws<MissingConfigException>(() => _conf.Loader()["credentials"]);

        Assert.EndsWith("matching the glob pattern(s): ['credentials*', 'credentials*/**', '**/credentials*']", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_NoGlobalsFiles_ReturnsEmpty()
    {
        _conf.Folder("base");
        _conf.Folder("local");

        Assert.Empty(_conf.Loader()["globals"]);
    }

    [Fact]
    public void Indexer_SameTopLevelKeysInTwoFilesOfOneEnv_ThrowsNamingBothFilesAndSortedKeys()
    {
        var first = _conf.Write("base/catalog.yml", "trains: {type: MemoryDataset}\ncars: {type: MemoryDataset}\nplanes: {type: MemoryDataset}");
        var second = _conf.Write("base/catalog_nested.yml", "trains: {type: MemoryDataset}\ncars: {type: MemoryDataset}");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        Assert.StartsWith(
            $"Duplicate keys found in {first} and {second}: cars, trains\n"
            + $"  'cars' is defined at line 2 of {first} and at line 2 of {second}\n"
            + $"  'trains' is defined at line 1 of {first} and at line 1 of {second}\n"
            + "Hint: ",
            error.Message, StringComparison.Ordinal);
        Assert.Equal(first, error.FilePath);
    }

    [Fact]
    public void Indexer_DuplicateKeysAcrossThreeFiles_ReportsEveryPair()
    {
        var a = _conf.Write("local/catalog_a.yml", "cars: {type: MemoryDataset}");
        var b = _conf.Write("local/catalog_b.yml", "cars: {type: MemoryDataset}");
        var c = _conf.Write("local/catalog_c.yml", "cars: {type: MemoryDataset}");
        _conf.Folder("base");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        var lines = error.Message.Split('\n');
        Assert.Equal(
            [$"Duplicate keys found in {a} and {b}: cars", $"Duplicate keys found in {a} and {c}: cars", $"Duplicate keys found in {b} and {c}: cars"],
            lines[..3]);
        Assert.Equal($"  'cars' is defined at line 1 of {a} and at line 1 of {b}", lines[3]);
        Assert.StartsWith("Hint:", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_ManyDuplicateKeys_TruncatesTheKeyListAt100Characters()
    {
        var yaml = string.Join("\n", Enumerable.Range(0, 100).Select(i => $"dataset_{i:D3}: {{type: MemoryDataset}}"));
        _conf.Write("base/catalog_1.yml", yaml);
        _conf.Write("base/catalog_2.yml", yaml);
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        var keys = error.Message.Split('\n')[0].Split(": ", 2)[1];
        Assert.Equal(103, keys.Length);
        Assert.EndsWith("...", keys, StringComparison.Ordinal);
        Assert.StartsWith("dataset_000, dataset_001", keys, StringComparison.Ordinal);
        Assert.Contains("\n  ... and 90 more\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_SameParameterLeafInTwoFiles_ThrowsNamingTheFullKey()
    {
        var first = _conf.Write("base/parameters_a.yml", "namespace1:\n  class1:\n    key1: 1");
        var second = _conf.Write("base/parameters_b.yml", "other: 0\nnamespace1:\n  class1:\n    key1: 2");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.StartsWith(
            $"Duplicate keys found in {first} and {second}: namespace1.class1.key1\n"
            + $"  'namespace1.class1.key1' is defined at line 3 of {first} and at line 4 of {second}\n",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_DuplicateKeyWithinOneFile_ThrowsNamingFileKeyAndLines()
    {
        var file = _conf.Write("base/catalog.yml", "cars:\n  type: MemoryDataset\nboats:\n  type: MemoryDataset\ncars:\n  type: MemoryDataset\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        Assert.Equal(
            $"Duplicate key 'cars' in '{file}' at line 5, column 1: it is already defined at line 1. "
            + "A key may appear only once in a mapping; remove or rename one of them.",
            error.Message);
        Assert.Equal((file, 5, 1), (error.FilePath, error.Line, error.Column));
    }

    [Fact]
    public void Indexer_DuplicateNestedKeyWithinOneFile_ThrowsNamingTheKey()
    {
        _conf.Write("base/catalog.yml", "cars:\n  type: MemoryDataset\n  type: pandas.CSVDataset\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        Assert.Contains("Duplicate key 'type'", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Indexer_InvalidYaml_ThrowsBadConfigNamingFileLineAndPosition()
    {
        var file = _conf.Write("base/catalog.yml", "cars:\n  type: MemoryDataset\n  data: [1, 2\nboats: {}\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        Assert.Matches(@"^Invalid YAML or JSON file .*/base/catalog\.yml, unable to read line \d+, position \d+\.\n.+", error.Message);
        Assert.Equal(file, error.FilePath);
        Assert.True(error.Line >= 3);
    }

    [Fact]
    public void Indexer_BadIndentation_ReportsTheLineAndColumnOfTheProblem()
    {
        _conf.Write("base/parameters.yml", "x:\n  y: 1\n    z: 2\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.StartsWith($"Invalid YAML or JSON file {_conf.PathOf("base/parameters.yml")}, unable to read line 3, position 6.", error.Message, StringComparison.Ordinal);
        Assert.Equal((3, 6), (error.Line, error.Column));
    }

    [Fact]
    public void Indexer_InvalidJson_ThrowsBadConfigNamingTheFile()
    {
        _conf.Write("base/parameters.json", "{\"a\": 1,, }");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.StartsWith($"Invalid YAML or JSON file {_conf.PathOf("base/parameters.json")}, unable to read line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_TopLevelList_ThrowsBadConfigAskingForAMapping()
    {
        var file = _conf.Write("base/parameters.yml", "- 1\n- 2\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.Equal($"Config file '{file}' must contain a mapping of keys to values at the top level, but it contains a list (line 1). "
            + "Put the values under keys, e.g. 'my_key: ...'.", error.Message);
    }

    [Fact]
    public void Indexer_TwoDocumentsInOneFile_ThrowsBadConfig()
    {
        _conf.Write("base/parameters.yml", "a: 1\n---\nb: 2\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.Contains("unable to read line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected a single document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_UnknownTag_ThrowsBadConfigNamingTheTag()
    {
        _conf.Write("base/parameters.yml", "a: !!python/tuple [1, 2]\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.Contains("tag:yaml.org,2002:python/tuple", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Indexer_UndefinedAlias_ThrowsBadConfigNamingTheAnchor()
    {
        _conf.Write("base/parameters.yml", "a: *missing\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_UnknownMergeStrategy_ThrowsBadConfigListingTheAccepted()
    {
        _conf.Write("base/catalog.yml", "a: {type: MemoryDataset}");
        _conf.Folder("local");
        var loader = _conf.Loader(mergeStrategy: new Dictionary<string, string> { ["catalog"] = "hard" });

        var error = Assert.Throws<BadConfigException>(() => loader["catalog"]);

        Assert.Equal("Merging strategy hard not supported. The accepted merging strategies are ['soft', 'destructive'].", error.Message);
    }

    [Fact]
    public void Constructor_EmptyConfSource_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new OmegaConfigLoader(""));
    }
}

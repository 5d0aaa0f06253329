using Kedro.Config.Tests.Support;
using static Kedro.Config.Tests.Support.Tree;

namespace Kedro.Config.Tests;

/// <summary>Layout, environments, patterns and the loader's dictionary-like behaviour.</summary>
public sealed class OmegaConfigLoaderTests : IDisposable
{
    private readonly ConfFolder _conf = new();

    public void Dispose() => _conf.Dispose();

    private void WriteKedroProjectConfig()
    {
        _conf.Write("base/catalog.yml", """
            trains:
              type: MemoryDataset
            cars:
              type: pandas.CSVDataset
              filepath: data/01_raw/cars.csv
              save_args:
                index: true
            """);
        _conf.Write("local/catalog.yml", """
            cars:
              type: pandas.CSVDataset
              filepath: data/01_raw/cars.csv
              save_args:
                index: false
            boats:
              type: MemoryDataset
            """);
        _conf.Write("base/parameters.json", """{"param1": 1, "param2": 2, "interpolated_param": "${test_env}"}""");
        _conf.Write("base/parameters_global.json", """{"test_env": "base"}""");
        _conf.Write("local/parameters_global.json", """{"test_env": "local"}""");
    }

    [Fact]
    public void Catalog_BaseAndLocal_LocalReplacesTopLevelEntries()
    {
        WriteKedroProjectConfig();

        var catalog = _conf.Loader()["catalog"];

        Assert.Equal(["trains", "cars", "boats"], catalog.Keys);
        Assert.Equal(false, catalog.At("cars").At("save_args")["index"]);
    }

    [Fact]
    public void Parameters_JsonFiles_AreReadAndInterpolatedPerEnvironment()
    {
        WriteKedroProjectConfig();

        var parameters = _conf.Loader()["parameters"];

        Assert.Equal(1, parameters["param1"]);
        Assert.Equal(2, parameters["param2"]);
        Assert.Equal("base", parameters["interpolated_param"]);
        Assert.Equal("local", parameters["test_env"]);
    }

    [Fact]
    public void Parameters_RuntimeParamsOverrideReferencedValues()
    {
        WriteKedroProjectConfig();

        var parameters = _conf.Loader(runtimeParams: Map(("test_env", "dummy")))["parameters"];

        Assert.Equal("dummy", parameters["interpolated_param"]);
        Assert.Equal("dummy", parameters["test_env"]);
    }

    [Fact]
    public void Properties_ReportResolvedEnvironmentAndPatterns()
    {
        var loader = new OmegaConfigLoader(_conf.Root, runtimeParams: Map(("a", 1)));

        Assert.Equal(_conf.Root, loader.ConfSource);
        Assert.Equal("local", loader.Env);
        Assert.Equal("base", loader.BaseEnv);
        Assert.Equal("local", loader.DefaultRunEnv);
        Assert.Equal(1, loader.RuntimeParams["a"]);
        Assert.Equal(["catalog*", "catalog*/**", "**/catalog*"], loader.ConfigPatterns["catalog"]);
        Assert.Equal(["parameters*", "parameters*/**", "**/parameters*"], loader.ConfigPatterns["parameters"]);
        Assert.Equal(["credentials*", "credentials*/**", "**/credentials*"], loader.ConfigPatterns["credentials"]);
        Assert.Equal(["globals.yml"], loader.ConfigPatterns["globals"]);
        Assert.Equal(["catalog", "parameters", "credentials", "globals"], loader.Keys);
        Assert.Equal("prod", new OmegaConfigLoader(_conf.Root, env: "prod").Env);
    }

    [Fact]
    public void Catalog_DefaultPatterns_FindFilesInSubfoldersAndAnyDepth()
    {
        _conf.Write("base/catalog.yml", "a: {type: MemoryDataset}");
        _conf.Write("base/catalog_extra.yaml", "b: {type: MemoryDataset}");
        _conf.Write("base/catalog/nested.yml", "c: {type: MemoryDataset}");
        _conf.Write("base/catalog_more/deeper/x.yml", "d: {type: MemoryDataset}");
        _conf.Write("base/pipelines/ds/catalog_ds.yml", "e: {type: MemoryDataset}");
        _conf.Write("base/other.yml", "ignored: {type: MemoryDataset}");
        _conf.Write("base/catalog_notes.txt", "ignored: true");
        _conf.Folder("local");

        var catalog = _conf.Loader()["catalog"];

        Assert.Equal(["a", "b", "c", "d", "e"], catalog.Keys.Order());
    }

    [Fact]
    public void Indexer_UserPattern_LoadsItsOwnKeyAndKeepsDefaults()
    {
        _conf.Write("base/spark.yml", "spark.driver.memory: 2g");
        _conf.Write("local/spark_local.yml", "spark.executor.cores: 4");
        _conf.Write("base/catalog.yml", "a: {type: MemoryDataset}");

        var loader = _conf.Loader(configPatterns: new Dictionary<string, IReadOnlyList<string>> { ["spark"] = ["spark*"] });

        Assert.Equal(Map(("spark.driver.memory", "2g"), ("spark.executor.cores", 4)), loader["spark"]);
        Assert.Contains("spark", loader.Keys);
        Assert.Equal(["a"], loader["catalog"].Keys);
    }

    [Fact]
    public void Indexer_UserPatternForDefaultKey_ReplacesDefaultPatterns()
    {
        _conf.Write("base/catalog.yml", "a: {type: MemoryDataset}");
        _conf.Write("base/datasets.yml", "b: {type: MemoryDataset}");
        _conf.Folder("local");

        var loader = _conf.Loader(configPatterns: new Dictionary<string, IReadOnlyList<string>> { ["catalog"] = ["datasets*"] });

        Assert.Equal(["b"], loader["catalog"].Keys);
    }

    [Fact]
    public void Indexer_ExplicitEnv_ReadsThatFolderInsteadOfLocal()
    {
        _conf.Write("base/parameters.yml", "b: 5\nc: 1");
        _conf.Write("local/parameters.yml", "b: 7");
        _conf.Write("prod/parameters.yml", "b: 100");

        var parameters = _conf.Loader(env: "prod")["parameters"];

        Assert.Equal(Map(("b", 100), ("c", 1)), parameters);
    }

    [Fact]
    public void Indexer_EnvSameAsBase_ReadsBaseOnlyAndNeedsNoFiles()
    {
        _conf.Folder("base");

        var loader = _conf.Loader(env: "base");

        Assert.Empty(loader["catalog"]);
    }

    [Fact]
    public void Indexer_StandaloneLoaderWithoutEnvironments_ReadsConfSourceItself()
    {
        _conf.Write("catalog.yml", "a: {type: MemoryDataset}");

        var loader = new OmegaConfigLoader(_conf.Root, baseEnv: "", defaultRunEnv: "");

        Assert.Equal(["a"], loader["catalog"].Keys);
    }

    [Fact]
    public void Indexer_OnlyBaseEnvSet_ReadsBaseAndConfSourceAsEnvironment()
    {
        _conf.Write("base/catalog.yml", "a: {type: MemoryDataset}");

        var loader = new OmegaConfigLoader(_conf.Root, baseEnv: "base", defaultRunEnv: "");

        Assert.Equal(["a"], loader["catalog"].Keys);
    }

    [Fact]
    public void Indexer_OnlyDefaultRunEnvSet_ReadsConfSourceAsBaseAndTheEnvironment()
    {
        _conf.Write("local/catalog.yml", "a: {type: MemoryDataset}");

        var loader = new OmegaConfigLoader(_conf.Root, baseEnv: "", defaultRunEnv: "local");

        Assert.Equal(["a"], loader["catalog"].Keys);
    }

    [Fact]
    public void Indexer_EveryAccess_ReturnsAFreshTreeReadFromDisk()
    {
        _conf.Write("base/parameters.yml", "model: {alpha: 0.1}");
        _conf.Folder("local");
        var loader = _conf.Loader();

        var first = loader["parameters"];
        first.At("model")["alpha"] = 99;
        _conf.Write("local/parameters.yml", "extra: 1");
        var second = loader["parameters"];

        Assert.Equal(0.1, second.At("model")["alpha"]);
        Assert.Equal(1, second["extra"]);
    }

    [Fact]
    public void Indexer_AssignedValue_BypassesLoadingAndIsCopied()
    {
        var loader = _conf.Loader();
        var value = Map(("a", Map(("b", 1))));

        loader["custom"] = value;
        value["a"] = 2;
        var loaded = loader["custom"];
        loaded["a"] = 3;

        Assert.Equal(Map(("a", Map(("b", 1)))), loader["custom"]);
        Assert.Equal(Map(("a", Map(("b", 1)))), loader.Get("custom"));
    }

    [Fact]
    public void Get_KeyWithoutPatterns_ReturnsNull()
    {
        Assert.Null(_conf.Loader().Get("missing_conf"));
    }

    [Fact]
    public void Indexer_KeyWithoutPatterns_ThrowsKeyNotFoundNamingTheKey()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => _conf.Loader()["non-existent-pattern"]);

        Assert.Equal("No config patterns were found for 'non-existent-pattern' in your config loader", error.Message);
    }

    [Fact]
    public void Indexer_HiddenFilesAndFolders_AreIgnored()
    {
        _conf.Write("base/catalog.yml", "cars: {type: MemoryDataset}");
        _conf.Write("base/.ipynb_checkpoints/catalog-checkpoint.yml", "cars: {type: MemoryDataset}");
        _conf.Write("base/.catalog_backup.yml", "cars: {type: MemoryDataset}");
        _conf.Folder("local");

        Assert.Equal(["cars"], _conf.Loader()["catalog"].Keys);
    }

    [Fact]
    public void Indexer_HiddenFilesIncluded_WhenIgnoreHiddenIsOff()
    {
        _conf.Write("base/catalog.yml", "cars: {type: MemoryDataset}");
        _conf.Write("base/.ipynb_checkpoints/catalog-checkpoint.yml", "cars: {type: MemoryDataset}");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader(ignoreHidden: false)["catalog"]);

        Assert.Contains("Duplicate keys found in", error.Message, StringComparison.Ordinal);
        Assert.Contains(".ipynb_checkpoints", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_ConfSourceInsideHiddenFolder_StillReadsFiles()
    {
        using var outer = new ConfFolder();
        outer.Write(".hidden/conf/base/catalog.yml", "a: {type: MemoryDataset}");
        outer.Folder(".hidden/conf/local");

        var loader = new OmegaConfigLoader(outer.PathOf(".hidden/conf"));

        Assert.Equal(["a"], loader["catalog"].Keys);
    }

    [Fact]
    public void Indexer_EmptyFiles_CountAsFoundAndContributeNothing()
    {
        _conf.Write("base/catalog.yml", "");
        _conf.Write("local/catalog.yml", "# only a comment\n");

        Assert.Empty(_conf.Loader()["catalog"]);
    }

    [Fact]
    public void Indexer_Output_IsPlainTreeWithTypedScalarsInFileOrder()
    {
        _conf.Write("base/parameters.yml", """
            z_first: 1
            big: 12345678901
            ratio: 0.5
            flag: true
            nothing: ~
            text: hello
            quoted: "3"
            items: [1, two, 3.0]
            nested: {b: 2, a: 1}
            """);
        _conf.Folder("local");

        var parameters = _conf.Loader()["parameters"];

        Assert.Equal(["z_first", "big", "ratio", "flag", "nothing", "text", "quoted", "items", "nested"], parameters.Keys);
        Assert.IsType<int>(parameters["z_first"]);
        Assert.Equal(12345678901L, parameters["big"]);
        Assert.Equal(0.5, parameters["ratio"]);
        Assert.Equal(true, parameters["flag"]);
        Assert.Null(parameters["nothing"]);
        Assert.Equal("hello", parameters["text"]);
        Assert.Equal("3", parameters["quoted"]);
        Assert.Equal(List(1, "two", 3.0), Assert.IsType<List<object?>>(parameters["items"]));
        Assert.Equal(["b", "a"], parameters.At("nested").Keys);
    }
}

using Kedro.Config.Tests.Support;
using Microsoft.Extensions.Logging;
using static Kedro.Config.Tests.Support.Tree;

namespace Kedro.Config.Tests;

/// <summary>How files of one environment merge, how the run environment is laid over base, and runtime parameters.</summary>
public sealed class OmegaConfigLoaderMergingTests : IDisposable
{
    private static readonly Dictionary<string, IReadOnlyList<string>> MlflowPattern = new() { ["mlflow"] = ["mlflow*"] };

    private readonly ConfFolder _conf = new();

    public void Dispose() => _conf.Dispose();

    private void WriteMlflow()
    {
        _conf.Write("base/mlflow.yml", """
            tracking:
              disable_tracking:
                pipelines: [on_exit_notification]
              experiment:
                name: local-exp
              params:
                long_params_strategy: tag
            """);
        _conf.Write("local/mlflow.yml", """
            tracking:
              experiment:
                name: prod-exp
            """);
    }

    [Fact]
    public void Indexer_DefaultMerge_ReplacesWholeTopLevelKeys()
    {
        WriteMlflow();

        var mlflow = _conf.Loader(configPatterns: MlflowPattern)["mlflow"];

        Assert.Equal(Map(("tracking", Map(("experiment", Map(("name", "prod-exp")))))), mlflow);
    }

    [Fact]
    public void Indexer_SoftMerge_MergesRecursively()
    {
        WriteMlflow();

        var mlflow = _conf.Loader(configPatterns: MlflowPattern, mergeStrategy: new Dictionary<string, string> { ["mlflow"] = "soft" })["mlflow"];

        var tracking = mlflow.At("tracking");
        Assert.Equal(["disable_tracking", "experiment", "params"], tracking.Keys);
        Assert.Equal("prod-exp", tracking.At("experiment")["name"]);
        Assert.Equal("tag", tracking.At("params")["long_params_strategy"]);
    }

    [Fact]
    public void Indexer_SameKeyInBaseAndLocal_IsNotAnError()
    {
        _conf.Write("base/catalog.yml", "cars: {type: MemoryDataset}");
        _conf.Write("local/catalog.yml", "cars: {type: pandas.CSVDataset, filepath: cars.csv}");

        Assert.Equal("pandas.CSVDataset", _conf.Loader()["catalog"].At("cars")["type"]);
    }

    [Fact]
    public void Indexer_OverriddenTopLevelKeys_AreLoggedAtDebugWithoutValues()
    {
        _conf.Write("base/catalog.yml", "cars: {type: MemoryDataset}\nboats: {type: MemoryDataset}");
        _conf.Write("local/catalog.yml", "cars: {type: MemoryDataset}");
        var logger = new ListLogger();

        _ = new OmegaConfigLoader(_conf.Root, logger: logger)["catalog"];

        Assert.Contains(
            (LogLevel.Debug, $"Config from path '{_conf.PathOf("local")}' will override the following existing top-level config keys: cars"),
            logger.Entries);
    }

    [Fact]
    public void Indexer_Credentials_AreNeverLogged()
    {
        _conf.Write("base/credentials.yml", "db_credentials:\n  user: base-user\n  password: base-secret\n");
        _conf.Write("local/credentials.yml", "db_credentials:\n  user: admin\n  password: s3cr3t-value\n");
        var logger = new ListLogger();

        var credentials = new OmegaConfigLoader(_conf.Root, logger: logger)["credentials"];

        Assert.Equal("s3cr3t-value", credentials.At("db_credentials")["password"]);
        Assert.DoesNotContain(logger.Messages, message => message.Contains("secret", StringComparison.Ordinal)
            || message.Contains("s3cr3t", StringComparison.Ordinal) || message.Contains("db_credentials", StringComparison.Ordinal));
    }

    [Fact]
    public void Parameters_NestedKeysSplitAcrossFiles_MergeWithoutError()
    {
        _conf.Write("base/parameters_1.yml", "namespace1:\n  class1:\n    key1: 1");
        _conf.Write("base/parameters_2.yml", "namespace1:\n  class2:\n    key1: 2");
        _conf.Folder("local");

        var parameters = _conf.Loader()["parameters"];

        Assert.Equal(Map(("class1", Map(("key1", 1))), ("class2", Map(("key1", 2)))), parameters["namespace1"]);
    }

    [Fact]
    public void Catalog_UnderscoreKeysInSeveralFiles_AreNotDuplicatesAndAreRemoved()
    {
        _conf.Write("base/catalog_1.yml", "_k2: {type: MemoryDataset}\na: {type: MemoryDataset}");
        _conf.Write("base/catalog_2.yml", "_k2: {type: MemoryDataset}\nb: {type: MemoryDataset}");
        _conf.Folder("local");

        Assert.Equal(["a", "b"], _conf.Loader()["catalog"].Keys);
    }

    [Fact]
    public void Catalog_UnderscoreTemplateInAnotherFileOfTheEnv_IsUsableForInterpolation()
    {
        _conf.Write("base/catalog.yml", "cars:\n  type: ${_pandas.type}\n  filepath: data/cars.csv\n  load_args: ${_pandas.load_args}");
        _conf.Write("base/catalog_templates.yml", "_pandas:\n  type: pandas.CSVDataset\n  load_args: {sep: ','}");
        _conf.Folder("local");

        var catalog = _conf.Loader()["catalog"];

        Assert.Equal(["cars"], catalog.Keys);
        Assert.Equal("pandas.CSVDataset", catalog.At("cars")["type"]);
        Assert.Equal(Map(("sep", ",")), catalog.At("cars")["load_args"]);
    }

    [Fact]
    public void Parameters_UnderscoreKeys_AreKept()
    {
        _conf.Write("base/parameters.yml", "_private: 1\npublic: ${_private}");
        _conf.Folder("local");

        Assert.Equal(Map(("_private", 1), ("public", 1)), _conf.Loader()["parameters"]);
    }

    [Fact]
    public void Parameters_RuntimeParamsWithoutEnvParameterFiles_MergeDeeply()
    {
        _conf.Write("base/parameters.yml", "b: 5\nnested:\n  factor: 2\n  other: ${b}");
        _conf.Folder("local");

        var parameters = _conf.Loader(runtimeParams: Map(("nested", Map(("factor", 3)))))["parameters"];

        Assert.Equal(Map(("b", 5), ("nested", Map(("factor", 3), ("other", 5)))), parameters);
    }

    [Fact]
    public void Parameters_RuntimeParamsWithEnvParameterFiles_ReplaceBaseTopLevelKeys()
    {
        _conf.Write("base/parameters.yml", "b: 5\nnested:\n  factor: 2\n  other: ${b}");
        _conf.Write("prod/parameters.yml", "b: 100");

        var parameters = _conf.Loader(env: "prod", runtimeParams: Map(("nested", Map(("factor", 3)))))["parameters"];

        Assert.Equal(Map(("b", 100), ("nested", Map(("factor", 3)))), parameters);
    }

    [Fact]
    public void Parameters_RuntimeParamsMergeIntoEachEnvironment_DestructiveAndSoft()
    {
        _conf.Write("base/parameters.yml", "nested: {x: 1, y: 2}");
        _conf.Write("local/parameters.yml", "nested: {x: 10}");
        var runtime = Map(("nested", Map(("z", 3))));

        var destructive = _conf.Loader(runtimeParams: runtime)["parameters"];
        var soft = _conf.Loader(runtimeParams: runtime, mergeStrategy: new Dictionary<string, string> { ["parameters"] = "soft" })["parameters"];

        Assert.Equal(Map(("nested", Map(("x", 10), ("z", 3)))), destructive);
        Assert.Equal(Map(("nested", Map(("x", 10), ("y", 2), ("z", 3)))), soft);
    }

    [Fact]
    public void Parameters_RuntimeParams_AddNewKeysOfAnyType()
    {
        _conf.Write("base/parameters.yml", "param1: 1\nparam2: 2\nparam3: {param4: 3}");
        _conf.Folder("local");

        var parameters = _conf.Loader(runtimeParams: Map(("foo", "bar"), ("baz", new List<object?> { 1, 2 }), ("qux", null)))["parameters"];

        Assert.Equal(
            Map(("param1", 1), ("param2", 2), ("param3", Map(("param4", 3))), ("foo", "bar"), ("baz", List(1, 2)), ("qux", null)),
            parameters);
    }

    [Fact]
    public void Catalog_RuntimeParams_DoNotLeakIntoOtherKeys()
    {
        _conf.Write("base/catalog.yml", "a: {type: MemoryDataset}");
        _conf.Folder("local");

        Assert.Equal(["a"], _conf.Loader(runtimeParams: Map(("b", 1)))["catalog"].Keys);
    }

    [Fact]
    public void Parameters_NoParameterFiles_ThrowsMissingConfigEvenWithRuntimeParams()
    {
        _conf.Folder("base");
        _conf.Folder("local");

        Assert.Throws<MissingConfigException>(() => _conf.Loader(runtimeParams: Map(("b", 1)))["parameters"]);
    }

    [Fact]
    public void Indexer_YamlAnchorsAndMergeKeys_AreApplied()
    {
        _conf.Write("base/catalog.yml", """
            _csv: &csv
              type: pandas.CSVDataset
              load_args: {sep: ","}
            cars:
              <<: *csv
              filepath: cars.csv
            boats:
              <<: *csv
              type: pandas.ExcelDataset
              filepath: boats.xlsx
            sizes: &sizes [1, 2]
            copy: *sizes
            """);
        _conf.Folder("local");

        var catalog = _conf.Loader()["catalog"];

        Assert.Equal(Map(("type", "pandas.CSVDataset"), ("load_args", Map(("sep", ","))), ("filepath", "cars.csv")), catalog["cars"]);
        Assert.Equal("pandas.ExcelDataset", catalog.At("boats")["type"]);
        Assert.Equal(List(1, 2), catalog["copy"]);
    }
}

using Kedro.IO;

namespace Kedro.Core.Tests.IO;

public class CatalogConfigResolverTests
{
    private static readonly Dictionary<string, object?> Runtime = new() { ["{default}"] = Csv() };

    private static Dictionary<string, object?> Csv(object? path = null)
    {
        var config = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset" };
        if (path is not null)
        {
            config["path"] = path;
        }

        return config;
    }

    private static CatalogConfigResolver Resolver(params string[] patterns) =>
        new(patterns.ToDictionary(p => p, _ => (object?)Csv()), defaultRuntimePatterns: Runtime);

    [Fact]
    public void ListPatterns_SortsBySpecificityThenPlaceholdersThenText()
    {
        Assert.Equal(
            ["path/to/{dataset}/data", "path/{dataset}/file", "data/{dataset}", "{name}", "{default}"],
            Resolver("{name}", "path/{dataset}/file", "path/to/{dataset}/data", "data/{dataset}").ListPatterns());
        Assert.Equal(
            ["an_example_{place}_{holder}", "an_example_{placeholder}", "an_{example_placeholder}", "on_{example_placeholder}", "{default}"],
            Resolver("on_{example_placeholder}", "an_example_{placeholder}", "an_{example_placeholder}", "an_example_{place}_{holder}").ListPatterns());
    }

    [Fact]
    public void Constructor_MultipleCatchAllPatterns_Throws()
    {
        var error = Assert.Throws<DatasetException>(() => Resolver("{name}", "{value}"));
        Assert.Equal(
            "Multiple catch-all patterns found in the catalog: {name}, {value}. Only one catch-all pattern is allowed, remove the extras.",
            error.Message);
    }

    [Fact]
    public void Constructor_PatternConfigUsingUnknownPlaceholders_Throws()
    {
        _ = new CatalogConfigResolver(new Dictionary<string, object?>
        {
            ["{name}#csv"] = Csv("path/to/{name}#csv/data"),
            ["{name}#list"] = new Dictionary<string, object?> { ["type"] = "x", ["items"] = new List<object?> { "{name}", 1 } },
            ["{name}#csv{tangent}"] = Csv("only/{name}"),
            ["{name}#empty"] = new Dictionary<string, object?>(),
            ["plain_{x}"] = Csv("no placeholders"),
        }, defaultRuntimePatterns: Runtime);

        var error = Assert.Throws<DatasetException>(() => new CatalogConfigResolver(
            new Dictionary<string, object?> { ["{name}#csv{tangent}"] = Csv("{dataset}") }, defaultRuntimePatterns: Runtime));
        Assert.Equal(
            "Incorrect dataset configuration provided. Keys used in the configuration {'{dataset}'} should present in the dataset pattern name {name}#csv{tangent}.",
            error.Message);
        error = Assert.Throws<DatasetException>(() => new CatalogConfigResolver(
            new Dictionary<string, object?> { ["{dataset}#excel"] = Csv(new List<object?> { "{user}", "{dataset}" }) }, defaultRuntimePatterns: Runtime));
        Assert.Contains("{'{user}'}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvePattern_SubstitutesCapturedValuesIntoNestedConfig()
    {
        var resolver = new CatalogConfigResolver(new Dictionary<string, object?>
        {
            ["{dataset_name}#csv"] = new Dictionary<string, object?>
            {
                ["type"] = "pandas.CSVDataset",
                ["path"] = "path/to/{dataset_name}#csv/data",
                ["list"] = new List<object?> { "a/{dataset_name}", 3 },
                ["nested"] = new Dictionary<string, object?> { ["deep"] = "{dataset_name}-deep" },
            },
            ["{namespace}.{name}"] = new Dictionary<string, object?> { ["type"] = "x", ["table_name"] = "{name}" },
        }, defaultRuntimePatterns: Runtime);

        var config = resolver.ResolvePattern("my_dataset#csv");

        Assert.Equal("path/to/my_dataset#csv/data", config["path"]);
        Assert.Equal(new List<object?> { "a/my_dataset", 3 }, config["list"]);
        Assert.Equal("my_dataset-deep", ((IReadOnlyDictionary<string, object?>)config["nested"]!)["deep"]);
        Assert.Equal("my_table", resolver.ResolvePattern("ns.my_table")["table_name"]);
        Assert.Equal("pandas.CSVDataset", resolver.ResolvePattern("unmatched")["type"]); // the runtime pattern
    }

    [Theory]
    [InlineData("{a}{b}", "xyz", "x", "yz")]
    [InlineData("{a}_{b}", "x_y_z", "x", "y_z")]
    [InlineData("{a}.{b}", "a.b.c", "a", "b.c")]
    public void Matching_FillsFieldsLazilyFromTheLeft(string pattern, string name, string a, string b)
    {
        var resolver = new CatalogConfigResolver(
            new Dictionary<string, object?> { [pattern] = new Dictionary<string, object?> { ["type"] = "x", ["v"] = "{a}|{b}" } },
            defaultRuntimePatterns: Runtime);
        Assert.Equal($"{a}|{b}", resolver.ResolvePattern(name)["v"]);
    }

    [Fact]
    public void Matching_IsCaseInsensitiveKeepsCaseAndNeedsNonEmptyFields()
    {
        var resolver = new CatalogConfigResolver(
            new Dictionary<string, object?> { ["{name}_csv"] = new Dictionary<string, object?> { ["type"] = "x", ["v"] = "{name}" } },
            defaultRuntimePatterns: Runtime);
        Assert.Equal("{name}_csv", resolver.MatchDatasetPattern("FOO_CSV"));
        Assert.Equal("FOO", resolver.ResolvePattern("FOO_CSV")["v"]);
        Assert.Equal("a b", resolver.ResolvePattern("a b_csv")["v"]);
        Assert.Null(resolver.MatchDatasetPattern("_csv"));
        Assert.Null(resolver.MatchDatasetPattern("x_csv_more"));
        Assert.Null(resolver.MatchUserCatchAllPattern("x"));
        Assert.Equal("{default}", resolver.MatchRuntimePattern("x"));
        Assert.Equal("{default}", resolver.MatchPattern("x"));
    }

    [Fact]
    public void ResolvePattern_PlainEntry_ReturnsCredentialsResolvedConfig()
    {
        var resolver = new CatalogConfigResolver(
            new Dictionary<string, object?> { ["cars"] = new Dictionary<string, object?> { ["type"] = "x", ["credentials"] = "db" } },
            new Dictionary<string, object?> { ["db"] = new Dictionary<string, object?> { ["con"] = "secret" } },
            Runtime);
        var config = resolver.ResolvePattern("cars");
        Assert.Equal("secret", ((IReadOnlyDictionary<string, object?>)config["credentials"]!)["con"]);
        Assert.Equal(config["type"], resolver.Config["cars"]["type"]);
    }

    [Fact]
    public void UnresolveCredentials_RoundTripsAndIgnoresEmptyCredentials()
    {
        var resolved = new Dictionary<string, object?>
        {
            ["type"] = "x",
            ["metadata"] = new Dictionary<string, object?> { ["credentials"] = new Dictionary<string, object?>() },
            ["credentials"] = new Dictionary<string, object?> { ["key"] = "k" },
        };

        var (config, credentials) = CatalogConfigResolver.UnresolveCredentials("s3", resolved);

        Assert.Equal("s3", config["credentials"]);
        Assert.Equal("k", ((Dictionary<string, object?>)credentials["s3"]!)["key"]);
        Assert.Single(credentials);
        var again = new CatalogConfigResolver(new Dictionary<string, object?> { ["ds"] = config }, credentials, Runtime);
        Assert.Equal("k", ((IReadOnlyDictionary<string, object?>)again.Config["ds"]["credentials"]!)["key"]);
    }

    [Fact]
    public void Constructor_WithoutRuntimePatterns_WarnsAndUsesMemoryDataset()
    {
        var logger = new ListLogger();
        var resolver = new CatalogConfigResolver(new Dictionary<string, object?>(), new Dictionary<string, object?>(), null, logger);
        Assert.Contains(logger.Messages, m => m.Contains("Since runtime patterns are not provided", StringComparison.Ordinal));
        Assert.Equal(["{default}"], resolver.ListPatterns());
        Assert.Equal("kedro.io.MemoryDataset", resolver.ResolvePattern("any")["type"]);
    }

    [Fact]
    public void IsPattern_IsTrueForKeysWithBraces()
    {
        Assert.True(CatalogConfigResolver.IsPattern("{a}_b"));
        Assert.False(CatalogConfigResolver.IsPattern("a_b"));
    }
}

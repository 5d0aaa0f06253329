using Kedro.Framework.Internal;

namespace Kedro.Framework.Tests.Internal;

public sealed class CatalogPathsTests
{
    [Theory]
    [InlineData("s3://bucket/data.csv", false)]
    [InlineData("gcp://bucket/data.csv", false)]
    [InlineData(@"C:\data\file.csv", false)]
    [InlineData("C:", false)]
    [InlineData("C:/Windows/", false)]
    [InlineData("/usr/local/data.csv", false)]
    [InlineData("data/01_raw/data.json", true)]
    [InlineData("logs/info.log", true)]
    [InlineData(@"logs\error.txt", true)]
    [InlineData("data", true)]
    public void IsRelativePath_FollowsKedro(string path, bool expected) => Assert.Equal(expected, CatalogPaths.IsRelativePath(path));

    [Fact]
    public void MakeAbsolute_ConvertsPathKeysInNestedMappingsOnly()
    {
        var config = new Dictionary<string, object?>
        {
            ["handler"] = new Dictionary<string, object?> { ["filename"] = "logs/info.log" },
            ["ds"] = new Dictionary<string, object?> { ["path"] = "data/01_raw/dataset.json", ["fileurl"] = "x/y", ["filepath"] = @"C:\data\a.csv" },
            ["list"] = new List<object?> { new Dictionary<string, object?> { ["filepath"] = "stays.csv" } },
        };

        CatalogPaths.MakeAbsolute(config, "/x");

        Assert.Equal("/x/logs/info.log", ((Dictionary<string, object?>)config["handler"]!)["filename"]);
        var ds = (Dictionary<string, object?>)config["ds"]!;
        Assert.Equal("/x/data/01_raw/dataset.json", ds["path"]);
        Assert.Equal("x/y", ds["fileurl"]);
        Assert.Equal("C:/data/a.csv", ds["filepath"]);
        Assert.Equal("stays.csv", ((Dictionary<string, object?>)((List<object?>)config["list"]!)[0]!)["filepath"]);
    }

    [Fact]
    public void MakeAbsolute_WindowsProjectPath_UsesForwardSlashes()
    {
        var config = new Dictionary<string, object?> { ["ds"] = new Dictionary<string, object?> { ["path"] = "data/01_raw/dataset.json" } };

        CatalogPaths.MakeAbsolute(config, @"C:\kedro");

        Assert.Equal("C:/kedro/data/01_raw/dataset.json", ((Dictionary<string, object?>)config["ds"]!)["path"]);
    }

    [Theory]
    [InlineData("sqlite:///data/01_raw/spaceflights.db", "sqlite:////x/data/01_raw/spaceflights.db")]
    [InlineData("sqlite:///./a.db", "sqlite:////x/a.db")]
    [InlineData("duckdb:///data/a.duckdb", "duckdb:////x/data/a.duckdb")]
    [InlineData("sqlite+pysqlite:///a.db", "sqlite+pysqlite:////x/a.db")]
    [InlineData("sqlite:////abs/a.db", "sqlite:////abs/a.db")]
    [InlineData("sqlite:///C:/data/a.db", "sqlite:///C:/data/a.db")]
    [InlineData("sqlite:///:memory:", "sqlite:///:memory:")]
    [InlineData("sqlite://", "sqlite://")]
    [InlineData("postgresql://scott:tiger@localhost:5432/db", "postgresql://scott:tiger@localhost:5432/db")]
    [InlineData("Data Source=a.db", "Data Source=a.db")]
    public void MakeDatabaseFilesAbsolute_ResolvesRelativeSqliteAndDuckDbFilesOnly(string con, string expected)
    {
        var config = new Dictionary<string, object?>
        {
            ["db"] = new Dictionary<string, object?> { ["con"] = con },
            ["ds"] = new Dictionary<string, object?> { ["credentials"] = new Dictionary<string, object?> { ["con"] = con }, ["sql"] = con },
        };

        CatalogPaths.MakeDatabaseFilesAbsolute(config, "/x/");

        Assert.Equal(expected, ((Dictionary<string, object?>)config["db"]!)["con"]);
        var ds = (Dictionary<string, object?>)config["ds"]!;
        Assert.Equal(expected, ((Dictionary<string, object?>)ds["credentials"]!)["con"]);
        Assert.Equal(con, ds["sql"]);
    }

    [Fact]
    public void MakeDatabaseFilesAbsolute_WindowsProjectPath_UsesForwardSlashes()
    {
        var config = new Dictionary<string, object?> { ["db"] = new Dictionary<string, object?> { ["con"] = "sqlite:///data/a.db" } };

        CatalogPaths.MakeDatabaseFilesAbsolute(config, @"C:\kedro");

        Assert.Equal("sqlite:///C:/kedro/data/a.db", ((Dictionary<string, object?>)config["db"]!)["con"]);
    }

    [Fact]
    public void MakeAbsolute_RelativeProjectPath_Fails()
    {
        var error = Assert.Throws<ArgumentException>(() => CatalogPaths.MakeAbsolute([], "relative/path"));

        Assert.StartsWith("project_path must be an absolute path. Received: relative/path", error.Message);
    }
}

using Kedro.Framework.Tests.Support;
using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Framework.Tests;

public sealed class KedroContextTests
{
    [Fact]
    public void Catalog_HoldsParametersAsParametersAndParamsEntriesAtEveryDepth()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var catalog = session.LoadContext().Catalog;

        Assert.Equal(
            ["a", "d", "parameters", "params:b", "params:nested", "params:nested.factor", "params:nested.other"],
            catalog.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, catalog.Load("params:nested.factor"));
        Assert.Equal(5, catalog.Load("params:nested.other"));
        var all = Assert.IsType<Dictionary<string, object?>>(catalog.Load("parameters"));
        Assert.Equal(5, all["b"]);
    }

    [Fact]
    public void Params_AreConfiguredParametersUnitedWithRuntimeParams()
    {
        using var project = new TestProject();
        project.Write("conf/base/catalog.yml", "{}\n");
        project.Write("conf/base/parameters.yml", "param1: 1\nparam2: 2\nparam3:\n  param4: 3\n");
        var runtime = new Dictionary<string, object?> { ["foo"] = "bar", ["baz"] = new List<object?> { 1, 2 }, ["qux"] = null };
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path, runtimeParams: runtime);
        var context = session.LoadContext();

        var parameters = context.Params;
        var catalog = context.Catalog;

        Assert.Equal(["baz", "foo", "param1", "param2", "param3", "qux"], parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, catalog.Load("params:param3.param4"));
        Assert.Equal(3, Assert.IsType<Dictionary<string, object?>>(catalog.Load("params:param3"))["param4"]);
        Assert.Null(catalog.Load("params:qux"));
    }

    [Fact]
    public void Params_WithoutParameterFiles_WarnsAndUsesRuntimeParams()
    {
        using var project = new TestProject();
        project.Write("conf/base/catalog.yml", "{}\n");
        var logs = new ListLogger();
        var settings = ArithmeticProject.Settings();
        settings.LoggerFactory = logs.Factory;
        var runtime = new Dictionary<string, object?> { ["x"] = 1 };
        using var session = KedroSession.Create(settings, project.Path, runtimeParams: runtime);

        var parameters = session.LoadContext().Params;

        Assert.Equal(1, Assert.Single(parameters).Value);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Parameters not found in your Kedro project config.", StringComparison.Ordinal));
    }

    [Fact]
    public void Catalog_WithoutCredentialsFiles_LogsDebugAndStillBuilds()
    {
        using var project = ArithmeticProject.Create();
        var logs = new ListLogger();
        var settings = ArithmeticProject.Settings();
        settings.LoggerFactory = logs.Factory;
        using var session = KedroSession.Create(settings, project.Path);

        var catalog = session.LoadContext().Catalog;

        Assert.Equal(10, catalog.Load("a"));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("Credentials not found in your Kedro project config.", StringComparison.Ordinal));
    }

    [Fact]
    public void Catalog_RelativeFilepath_IsMadeAbsoluteAgainstTheProjectNotTheCurrentDirectory()
    {
        using var project = new TestProject();
        project.Write("conf/base/catalog.yml", "horses:\n  type: LinesDataset\n  filepath: data/horses.txt\nremote:\n  type: LinesDataset\n  filepath: s3://bucket/x.txt\n");
        project.Write("data/horses.txt", "Shadowfax\n");
        var hooks = new RecordingHooks();
        var settings = ArithmeticProject.Settings(hooks);
        settings.DatasetRegistry.Register("LinesDataset", static c => new LinesDataset(c.Get<string>("filepath")!));
        using var session = KedroSession.Create(settings, project.Path);

        var catalog = session.LoadContext().Catalog;

        Assert.Equal("Shadowfax\n", catalog.Load("horses"));
        var conf = hooks.CatalogCreated.Single().ConfCatalog;
        Assert.Equal(project.Path.Replace('\\', '/') + "/data/horses.txt", ((Dictionary<string, object?>)conf["horses"]!)["filepath"]);
        Assert.Equal("s3://bucket/x.txt", ((Dictionary<string, object?>)conf["remote"]!)["filepath"]);
    }

    [Fact]
    public void Catalog_IsBuiltAnewOnEveryAccess()
    {
        using var project = ArithmeticProject.Create();
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);
        var context = session.LoadContext();
        var first = context.Catalog;
        first.Set("x", 1);

        var error = Assert.Throws<DatasetNotFoundException>(() => context.Catalog.Load("x"));

        Assert.Equal("Dataset 'x' not found in the catalog", error.Message);
    }

    [Fact]
    public void Catalog_HookOutsideARun_GetsConfigAndCredentialsWithoutVersions()
    {
        using var project = ArithmeticProject.Create();
        project.Write("conf/local/credentials.yml", "db:\n  user: scott\n");
        var hooks = new RecordingHooks();
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path);

        _ = session.LoadContext().Catalog;

        var created = Assert.Single(hooks.CatalogCreated);
        Assert.Null(created.SaveVersion);
        Assert.Null(created.LoadVersions);
        Assert.Equal(["a", "d"], created.ConfCatalog.Keys);
        Assert.Equal("scott", ((Dictionary<string, object?>)created.ConfCreds["db"]!)["user"]);
    }

    [Fact]
    public void Catalog_RelativeSqliteFileInCredentials_ResolvesAgainstTheProjectFolder()
    {
        using var project = ArithmeticProject.Create();
        project.Write("conf/local/credentials.yml", "db:\n  con: sqlite:///data/app.db\n");
        var hooks = new RecordingHooks();
        using var session = KedroSession.Create(ArithmeticProject.Settings(hooks), project.Path);

        _ = session.LoadContext().Catalog;

        var created = Assert.Single(hooks.CatalogCreated);
        Assert.Equal("sqlite:///" + project.Path.Replace('\\', '/').TrimEnd('/') + "/data/app.db", ((Dictionary<string, object?>)created.ConfCreds["db"]!)["con"]);
    }

    [Fact]
    public void Env_WhenNotGiven_IsNullWhileTheLoaderReadsLocal()
    {
        using var project = ArithmeticProject.Create();
        project.Write("conf/local/parameters.yml", "b: 7\n");
        using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);

        var context = session.LoadContext();

        Assert.Null(context.Env);
        Assert.Equal("local", context.ConfigLoader.Env);
        Assert.Equal(7, context.Params["b"]);
    }

    /// <summary>A real file dataset: the whole text of a file.</summary>
    private sealed class LinesDataset(string filepath) : AbstractDataset<string>
    {
        protected override string LoadCore() => File.ReadAllText(filepath);

        protected override void SaveCore(string data) => File.WriteAllText(filepath, data);

        protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?> { ["filepath"] = filepath };
    }
}

using Kedro.Config.Tests.Support;

namespace Kedro.Config.Tests;

/// <summary>Where the loader says a key is written.</summary>
public sealed class OmegaConfigLoaderLocateTests : IDisposable
{
    private readonly ConfFolder _conf = new();

    public void Dispose() => _conf.Dispose();

    [Fact]
    public void Locate_NestedParameter_GivesTheFileLineAndColumnTheLoaderReadItAt()
    {
        _conf.Write("base/parameters.yml", "# model settings\nmodel:\n  # the split\n  test_size: 0.2\n  layers: [1, 2]\n");
        _conf.Write("local/parameters_extra.yml", "other: 1\n");

        var location = _conf.Loader().Locate("parameters", ["model", "test_size"]);

        Assert.NotNull(location);
        Assert.Equal(Path.Combine(_conf.Root, "base", "parameters.yml"), location.File);
        Assert.Equal(4, location.Line);
        Assert.Equal(3, location.Column);
    }

    [Fact]
    public void Locate_KeyInBothEnvironments_GivesTheRunEnvironmentsFile()
    {
        _conf.Write("base/catalog.yml", "companies:\n  type: pandas.CSVDataset\n");
        _conf.Write("local/catalog/companies.yml", "\n\ncompanies:\n  type: pandas.ParquetDataset\n");

        var location = _conf.Loader().Locate("catalog", ["companies"]);

        Assert.Equal(new ConfigLocation(Path.Combine(_conf.Root, "local", "catalog", "companies.yml"), 3, 1), location);
    }

    [Fact]
    public void Locate_KeyNobodyWrites_OrAKeyWithoutPatterns_IsNull()
    {
        _conf.Write("base/catalog.yml", "companies:\n  type: pandas.CSVDataset\n");
        _conf.Folder("local");

        var loader = _conf.Loader();

        Assert.Null(loader.Locate("catalog", ["shuttles"]));
        Assert.Null(loader.Locate("catalog", ["companies", "type", "deeper"]));
        Assert.Null(loader.Locate("mlflow", ["companies"]));
    }
}

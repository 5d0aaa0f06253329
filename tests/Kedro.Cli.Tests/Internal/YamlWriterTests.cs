using Kedro.Config;
using Kedro.Shared.Yaml;

namespace Kedro.Cli.Tests.Internal;

public sealed class YamlWriterTests : IDisposable
{
    private readonly TempFolder _conf = new("kedro-yamlwriter");

    public void Dispose() => _conf.Dispose();

    [Fact]
    public void Write_LaysOutMappingsAndListsAsPyYamlDoes()
    {
        var tree = new Dictionary<string, object?>
        {
            ["cars"] = new Dictionary<string, object?> { ["type"] = "pandas.CSVDataset", ["load_args"] = new Dictionary<string, object?> { ["sep"] = "," } },
            ["names"] = new List<object?> { "a", "{b}", "true", "" },
            ["n"] = 3,
            ["x"] = 1.5,
            ["empty"] = new Dictionary<string, object?>(),
            ["none"] = null,
        };

        Assert.Equal(
            "cars:\n  type: pandas.CSVDataset\n  load_args:\n    sep: ','\nnames:\n- a\n- '{b}'\n- 'true'\n- ''\nn: 3\nx: 1.5\nempty: {}\nnone: null\n",
            YamlWriter.Write(tree));
    }

    [Fact]
    public void Write_MappingsInListsAndFloats_AsPyYamlWritesThem()
    {
        var tree = new Dictionary<string, object?>
        {
            ["rows"] = new List<object?> { new Dictionary<string, object?> { ["a"] = 1, ["b"] = 2 }, new List<object?> { 1, 2 } },
            ["floats"] = new List<object?> { 2.0, 1e20, double.NaN, double.NegativeInfinity },
            ["none"] = new List<object?>(),
        };

        Assert.Equal(
            "rows:\n- a: 1\n  b: 2\n- - 1\n  - 2\nfloats:\n- 2.0\n- 1.0e+20\n- .nan\n- -.inf\nnone: []\n",
            YamlWriter.Write(tree));
    }

    [Fact]
    public void Write_ThenReadByTheConfigLoader_GivesTheSameTree()
    {
        string[] texts = ["0x1F", "1:30", "0b11", "010", "1e3", "1.5e3", "1_000", "~", "", "Off", ".NaN", "-.inf", "a: b", "# c", " padded ", "two\nlines", "tab\there", "bell\a", "say \"hi\"\\", "it's", "{x}", "naïve"];
        var tree = new Dictionary<string, object?>
        {
            ["texts"] = texts.Cast<object?>().ToList(),
            ["numbers"] = new List<object?> { 3, 2.0, 0.1, 1e20, true, null },
        };
        _conf.Write("base/parameters.yml", YamlWriter.Write(tree));
        _conf.Folder("local");

        var loaded = new OmegaConfigLoader(_conf.Path)["parameters"];

        Assert.Equal(texts.Cast<object?>().ToList(), loaded["texts"]);
        Assert.Equal(tree["numbers"], loaded["numbers"]);
    }
}

using Kedro.Shared.Yaml;

namespace Kedro.Cli.Tests.Internal;

public sealed class YamlWriterTests
{
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
}

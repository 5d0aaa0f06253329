using Kedro.Cli.Internal;

namespace Kedro.Cli.Tests.Internal;

public sealed class OptionParsersTests
{
    [Theory]
    [InlineData("splitting_data,training_model")]
    [InlineData("splitting_data, training_model")]
    [InlineData(" splitting_data ,training_model,")]
    public void SplitCommas_TrimsAndDropsEmptyItems(string value) =>
        Assert.Equal(["splitting_data", "training_model"], OptionParsers.SplitCommas([value]));

    [Fact]
    public void SplitCommasOutsideBrackets_KeepsNodeNamesWithBracketsWhole()
    {
        Assert.Equal(
            ["two_inputs([A0,B0]) -> [C1]", "X", "Y", "Z"],
            OptionParsers.SplitCommasOutsideBrackets(["two_inputs([A0,B0]) -> [C1],X,Y,Z"]));
        Assert.Equal(["A", "B", "C"], OptionParsers.SplitCommasOutsideBrackets(["A,B,C"]));
    }

    [Fact]
    public void ParseParams_TypesValuesAsYaml()
    {
        var result = OptionParsers.ParseParams(["foo=123.45, bar=1a,baz=678. ,qux=1e-2,quux=0,quuz="]);

        Assert.Equal(123.45, result["foo"]);
        Assert.Equal("1a", result["bar"]);
        Assert.Equal(678.0, result["baz"]);
        Assert.Equal(0.01, result["qux"]);
        Assert.Equal(0, result["quux"]);
        Assert.Null(result["quuz"]);
    }

    [Fact]
    public void ParseParams_SplitsAtTheFirstEqualsAndLaterDuplicatesWin()
    {
        Assert.Equal("fizz=buzz", OptionParsers.ParseParams(["foo=bar,baz=fizz=buzz"])["baz"]);
        Assert.Equal("fizz buzz", OptionParsers.ParseParams(["foo=bar, foo=fizz buzz"])["foo"]);
        Assert.Equal("https://example.com", OptionParsers.ParseParams(["foo=bar, baz= https://example.com"])["baz"]);
    }

    [Fact]
    public void ParseParams_DottedKeysNest()
    {
        var result = OptionParsers.ParseParams(["foo.nested_1.double_nest=123.45,foo.nested_2=1a"]);

        var foo = Assert.IsType<Dictionary<string, object?>>(result["foo"]);
        Assert.Equal(123.45, Assert.IsType<Dictionary<string, object?>>(foo["nested_1"])["double_nest"]);
        Assert.Equal("1a", foo["nested_2"]);
    }

    [Fact]
    public void ParseLoadVersions_SplitsAtTheFirstColon()
    {
        var result = OptionParsers.ParseLoadVersions(["dataset1:time1, dataset2:2020-05-12T12.00.00.000Z"]);

        Assert.Equal("time1", result["dataset1"]);
        Assert.Equal("2020-05-12T12.00.00.000Z", result["dataset2"]);
    }
}

using static Kedro.Config.Tests.Support.Tree;

namespace Kedro.Config.Tests;

public class ConfigValuesTests
{
    public static TheoryData<string, object?> Scalars => new()
    {
        { "3", 3 },
        { "0", 0 },
        { "-7", -7 },
        { "99999999999", 99999999999L },
        { "0.2", 0.2 },
        { "123.45", 123.45 },
        { "678.", 678.0 },
        { "1e-2", 0.01 },
        { "true", true },
        { "False", false },
        { "", null },
        { "null", null },
        { "~", null },
        { "1a", "1a" },
        { "bar", "bar" },
        { "fizz buzz", "fizz buzz" },
        { "fizz=buzz", "fizz=buzz" },
        { " https://example.com ", "https://example.com" },
        { "\"a\"", "a" },
        { "'3'", "3" },
        { "2020-05-12T12.00.00", "2020-05-12T12.00.00" },
        { "@not-yaml", "@not-yaml" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void ParseScalar_TypesValuesAsKedrosParamsOption(string text, object? expected)
    {
        var value = ConfigValues.ParseScalar(text);

        Assert.Equal(expected, value);
        Assert.Equal(expected?.GetType(), value?.GetType());
    }

    [Fact]
    public void ParseScalar_FlowCollections_BecomeListsAndDictionaries()
    {
        Assert.Equal(List(1, "b"), ConfigValues.ParseScalar("[1, b]"));
        Assert.Equal(Map(("a", 1)), ConfigValues.ParseScalar("{a: 1}"));
    }

    [Fact]
    public void ParseScalar_Interpolations_AreKeptForTheLoaderToResolve()
    {
        Assert.Equal("${globals:x}", ConfigValues.ParseScalar("${globals:x}"));
    }

    [Fact]
    public void ParseDotList_DottedKeysNestAndLaterValuesWin()
    {
        var parameters = ConfigValues.ParseDotList([
            new("foo.nested_1.double_nest", "123.45"),
            new("foo.nested_2", "1a"),
            new(" bar ", "bar"),
            new("bar", "fizz buzz"),
        ]);

        Assert.Equal(
            Map(("foo", Map(("nested_1", Map(("double_nest", 123.45))), ("nested_2", "1a"))), ("bar", "fizz buzz")),
            parameters);
    }

    [Fact]
    public void ParseDotList_ValuesLikeKedrosExample_AreTyped()
    {
        var parameters = ConfigValues.ParseDotList([
            new("foo", "123.45"), new("bar", "1a"), new("baz", "678."), new("qux", "1e-2"), new("quux", "0"), new("quuz", ""),
        ]);

        Assert.Equal(Map(("foo", 123.45), ("bar", "1a"), ("baz", 678.0), ("qux", 0.01), ("quux", 0), ("quuz", null)), parameters);
    }
}

using Kedro.Config.Internal;
using Kedro.Shared.Yaml;

namespace Kedro.Config.Tests.Internal;

public class YamlScalarsTests
{
    public static TheoryData<string, object?> PlainScalars => new()
    {
        { "yes", true },
        { "No", false },
        { "on", true },
        { "OFF", false },
        { "TRUE", true },
        { "y", "y" },
        { "0x1F", 31 },
        { "0b101", 5 },
        { "010", 8 },
        { "1_000", 1000 },
        { "+12", 12 },
        { "1:30", 90 },
        { "1e5", 100000.0 },
        { "-.inf", double.NegativeInfinity },
        { ".inf", double.PositiveInfinity },
        { ".5", 0.5 },
        { "Null", null },
        { "2024-01-01", "2024-01-01" },
        { "0o17", "0o17" },
        { "1.2.3", "1.2.3" },
    };

    [Theory]
    [InlineData("1e3", 1000.0, "1e3")]
    [InlineData("1.5e3", 1500.0, "1.5e3")]
    [InlineData("-2E-2", -0.02, "-2E-2")]
    [InlineData("1.5e+3", 1500.0, 1500.0)]
    [InlineData(".5e-1", 0.05, 0.05)]
    [InlineData("1:30.5", 90.5, 90.5)]
    [InlineData("1:30", 90, 90)]
    [InlineData("0x1F", 31, 31)]
    [InlineData("yes", true, true)]
    public void Resolve_FloatRules_OnlyExponentsWithoutDotOrSignDiffer(string text, object expectedByLoader, object expectedBySafeLoad)
    {
        Assert.Equal(expectedByLoader, YamlScalars.Resolve(text, YamlFloats.OmegaConf));
        Assert.Equal(expectedBySafeLoad, YamlScalars.Resolve(text, YamlFloats.PyYaml));
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("1:30")]
    [InlineData("0b11")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("Off")]
    [InlineData(".NaN")]
    public void ReadsAsNonString_ForWhatEitherRuleTypes(string text) => Assert.True(YamlScalars.ReadsAsNonString(text));

    [Theory]
    [MemberData(nameof(PlainScalars))]
    public void Resolve_TypesPlainScalarsAsKedrosYamlLoader(string text, object? expected)
    {
        var value = YamlScalars.Resolve(text);

        Assert.Equal(expected, value);
        Assert.Equal(expected?.GetType(), value?.GetType());
    }

    [Fact]
    public void Resolve_NotANumber_IsNaN()
    {
        Assert.True(double.IsNaN((double)YamlScalars.Resolve(".nan")!));
    }

    [Fact]
    public void ReadDocument_ExplicitTags_OverrideImplicitTyping()
    {
        var node = (MapNode)YamlReader.ReadDocument("a: !!str 123\nb: !!float 1\nc: !!int '7'\nd: ! yes", "test")!;

        Assert.Equal(new object?[] { "123", 1.0, 7, "yes" }, node.Entries.Values.Select(v => ((ScalarNode)v).Value));
    }
}

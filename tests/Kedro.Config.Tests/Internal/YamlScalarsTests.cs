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

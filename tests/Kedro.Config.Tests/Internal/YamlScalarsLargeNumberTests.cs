using System.Globalization;
using System.Numerics;
using Kedro.Shared.Yaml;

namespace Kedro.Config.Tests.Internal;

/// <summary>Integers beyond 64 bits keep their exact value, as Python's integers do.</summary>
public class YamlScalarsLargeNumberTests
{
    public static TheoryData<string, object> LargeIntegers => new()
    {
        { "0xFFFFFFFFFFFFFFFF", Big("18446744073709551615") },
        { "0x8000000000000000", Big("9223372036854775808") },
        { "0x7FFFFFFFFFFFFFFF", long.MaxValue },
        { "-0x10", -16 },
        { "-9223372036854775808", long.MinValue },
        { "-9223372036854775809", Big("-9223372036854775809") },
        { "9223372036854775808", Big("9223372036854775808") },
        { "0b" + new string('1', 70), (BigInteger.One << 70) - 1 },
        { "0" + new string('7', 30), BigInteger.Pow(8, 30) - 1 },
        { "1:2:3:4:5:6:7:8:9:10:11:12", Big("37519948336684860672") },
        { "123456789012345678901234567890", Big("123456789012345678901234567890") },
    };

    private static BigInteger Big(string digits) => BigInteger.Parse(digits, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(LargeIntegers))]
    public void Resolve_IntegerBeyond64Bits_KeepsItsValue(string text, object expected)
    {
        var value = YamlScalars.Resolve(text);

        Assert.Equal(expected, value);
        Assert.Equal(expected.GetType(), value?.GetType());
    }

    [Fact]
    public void Resolve_FloatTagOnAnIntegerBeyond64Bits_IsTheNearestDouble()
    {
        Assert.True(YamlScalars.TryResolveTagged("tag:yaml.org,2002:float", "123456789012345678901234567890", out var value));

        Assert.Equal(1.2345678901234568E+29, value);
    }
}

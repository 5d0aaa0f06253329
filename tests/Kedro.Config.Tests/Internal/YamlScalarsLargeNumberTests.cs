using Kedro.Config.Internal;

namespace Kedro.Config.Tests.Internal;

/// <summary>Integers beyond 64 bits keep their value (as the nearest double) instead of wrapping or failing.</summary>
public class YamlScalarsLargeNumberTests
{
    public static TheoryData<string, object> LargeIntegers => new()
    {
        { "0xFFFFFFFFFFFFFFFF", 18446744073709551615.0 },
        { "0x8000000000000000", 9223372036854775808.0 },
        { "0x7FFFFFFFFFFFFFFF", long.MaxValue },
        { "-0x10", -16 },
        { "-9223372036854775808", long.MinValue },
        { "9223372036854775808", 9223372036854775808.0 },
        { "0b" + new string('1', 70), 1.1805916207174113E+21 },
        { "0" + new string('7', 30), 1.2379400392853803E+27 },
        { "1:2:3:4:5:6:7:8:9:10:11:12", 3.751994833668486E+19 },
        { "123456789012345678901234567890", 1.2345678901234568E+29 },
    };

    [Theory]
    [MemberData(nameof(LargeIntegers))]
    public void Resolve_IntegerBeyond64Bits_KeepsItsValue(string text, object expected)
    {
        var value = YamlScalars.Resolve(text);

        Assert.Equal(expected, value);
        Assert.Equal(expected.GetType(), value?.GetType());
    }
}

using System.Numerics;
using Kedro.IO;

namespace Kedro.Core.Tests.IO;

public sealed record FreeFormOptions(string Name, Dictionary<string, object?> Extra, object? Anything, List<object?> Items);

public class TypedLoadPlainValueTests
{
    [Fact]
    public void Load_RecordWithObjectTypedMembers_GetsPlainValuesNotJsonElements()
    {
        var tree = new Dictionary<string, object?>
        {
            ["name"] = "m",
            ["extra"] = new Dictionary<string, object?> { ["depth"] = 3, ["rate"] = 0.5, ["on"] = true, ["tags"] = new List<object?> { "a" } },
            ["anything"] = "text",
            ["items"] = new List<object?> { 1, "b", null },
        };
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params"] = new MemoryDataset(tree) });

        var options = catalog.Load<FreeFormOptions>("params");

        Assert.Equal(3, options.Extra["depth"]);
        Assert.Equal(0.5, options.Extra["rate"]);
        Assert.Equal(true, options.Extra["on"]);
        Assert.Equal(new List<object?> { "a" }, options.Extra["tags"]);
        Assert.Equal("text", options.Anything);
        Assert.Equal(new List<object?> { 1, "b", null }, options.Items);
    }

    public static TheoryData<Type, object> BigIntegerTargets => new()
    {
        { typeof(double), 1.2345678901234568E+23 },
        { typeof(decimal), 123456789012345678901234m },
        { typeof(BigInteger), BigInteger.Parse("123456789012345678901234", System.Globalization.CultureInfo.InvariantCulture) },
    };

    [Theory]
    [MemberData(nameof(BigIntegerTargets))]
    public void Load_IntegerBeyond64Bits_ConvertsToTheNumberTypeAsked(Type target, object expected)
    {
        var big = BigInteger.Parse("123456789012345678901234", System.Globalization.CultureInfo.InvariantCulture);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params:big"] = new MemoryDataset(big) });

        var loaded = catalog.Load("params:big", target);

        Assert.Equal(expected, loaded);
    }

    [Fact]
    public void Load_IntegerBeyond64BitsAsLong_FailsSayingItIsOutOfRange()
    {
        var big = BigInteger.Parse("123456789012345678901234", System.Globalization.CultureInfo.InvariantCulture);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params:big"] = new MemoryDataset(big) });

        var error = Assert.ThrowsAny<Exception>(() => catalog.Load<long>("params:big"));

        Assert.Contains("123456789012345678901234 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WholeNumberAsBigInteger_KeepsItExact()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params:n"] = new MemoryDataset(42L) });

        Assert.Equal(new BigInteger(42), catalog.Load<BigInteger>("params:n"));
    }
}

using Kedro.Shared.Text;

namespace Kedro.Core.Tests.Text;

public class PythonLiteralsTests
{
    [Theory]
    [InlineData("a", "'a'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("both ' and \"", "'both \\' and \"'")]
    [InlineData("back\\slash", "'back\\\\slash'")]
    [InlineData("line\nbreak\ttab", "'line\\nbreak\\ttab'")]
    [InlineData("bell\a", "'bell\\x07'")]
    [InlineData("", "''")]
    public void Repr_OfAString_IsPythons(string value, string expected) => Assert.Equal(expected, PythonLiterals.Repr(value));

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Repr_OfAFloat_IsPythons(double value, string expected) => Assert.Equal(expected, PythonLiterals.Repr(value));

    [Fact]
    public void Repr_OfScalars_IsPythons()
    {
        Assert.Equal("None", PythonLiterals.Repr(null));
        Assert.Equal("True", PythonLiterals.Repr(true));
        Assert.Equal("False", PythonLiterals.Repr(false));
        Assert.Equal("42", PythonLiterals.Repr(42));
        Assert.Equal("-7", PythonLiterals.Repr(-7L));
        Assert.Equal("2.5", PythonLiterals.Repr(2.5m));
    }

    [Fact]
    public void Repr_OfListsAndDicts_IsPythons()
    {
        var value = new Dictionary<string, object?>
        {
            ["name"] = "x",
            ["sizes"] = new List<object?> { 1, 2.0, null, true },
            ["nested"] = new Dictionary<string, object?> { ["k"] = "it's" },
        };

        Assert.Equal("{'name': 'x', 'sizes': [1, 2.0, None, True], 'nested': {'k': \"it's\"}}", PythonLiterals.Repr(value));
        Assert.Equal("[]", PythonLiterals.Repr(Array.Empty<int>()));
        Assert.Equal("{}", PythonLiterals.Repr(new Dictionary<string, int>()));
    }

    [Fact]
    public void Str_LeavesStringsBare_AndPrintsOtherValuesAsRepr()
    {
        Assert.Equal("text", PythonLiterals.Str("text"));
        Assert.Equal("['a']", PythonLiterals.Str(new List<object?> { "a" }));
        Assert.Equal("None", PythonLiterals.Str(null));
    }

    [Fact]
    public void Collections_OfNames_ArePrintedAsPythonLiterals()
    {
        Assert.Equal("['b', 'a', None]", PythonLiterals.List(["b", "a", null]));
        Assert.Equal("['a', 'b']", PythonLiterals.SortedList(["b", "a"]));
        Assert.Equal("{'a', 'b'}", PythonLiterals.Set(["b", "a", "b"]));
        Assert.Equal("set()", PythonLiterals.Set([]));
        Assert.Equal("{'k': 'v', 'n': 1}", PythonLiterals.Dict(new[] { KeyValuePair.Create("k", (object)"v"), KeyValuePair.Create("n", (object)1) }));
    }
}

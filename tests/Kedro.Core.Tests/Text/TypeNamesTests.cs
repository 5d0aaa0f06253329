using Kedro.Shared.Text;

namespace Kedro.Core.Tests.Text;

public class TypeNamesTests
{
    private sealed class Inner;

    private sealed class Box<T>
    {
        public sealed class Lid;
    }

    [Theory]
    [InlineData(typeof(int), "int")]
    [InlineData(typeof(string), "string")]
    [InlineData(typeof(object), "object")]
    [InlineData(typeof(bool), "bool")]
    [InlineData(typeof(double), "double")]
    [InlineData(typeof(int?), "int?")]
    [InlineData(typeof(int[]), "int[]")]
    [InlineData(typeof(string[,]), "string[,]")]
    [InlineData(typeof(List<int>), "List<int>")]
    [InlineData(typeof(Dictionary<string, object>), "Dictionary<string, object>")]
    [InlineData(typeof(Func<List<long?>>), "Func<List<long?>>")]
    [InlineData(typeof(DayOfWeek), "DayOfWeek")]
    [InlineData(typeof(Inner), "TypeNamesTests.Inner")]
    [InlineData(typeof(Box<int>.Lid), "TypeNamesTests.Box<int>.Lid")]
    public void Of_WritesTheTypeAsCSharpDoes(Type type, string expected) => Assert.Equal(expected, TypeNames.Of(type));

    [Fact]
    public void Of_NoType_IsNull()
    {
        Assert.Equal("null", TypeNames.Of(null));
        Assert.Equal("null", TypeNames.OfValue(null));
        Assert.Equal("List<string>", TypeNames.OfValue(new List<string>()));
    }

    [Fact]
    public void Qualified_AddsNamespacesButKeepsKeywords()
    {
        Assert.Equal("Kedro.IO.MemoryDataset", TypeNames.Qualified(typeof(Kedro.IO.MemoryDataset)));
        Assert.Equal("System.Collections.Generic.List<int>", TypeNames.Qualified(typeof(List<int>)));
        Assert.Equal("int", TypeNames.Qualified(typeof(int)));
    }
}

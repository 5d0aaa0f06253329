using Kedro.Pipelines;

namespace Kedro.Core.Tests.Pipelines;

public class DatasetNamesTests
{
    private static DatasetNames Accept(DatasetNames? names) => names ?? default;

    [Fact]
    public void ImplicitConversions_KeepTheShape()
    {
        DatasetNames single = "a";
        DatasetNames array = new[] { "a", "b" };
        DatasetNames list = new List<string> { "a" };
        DatasetNames dictionary = new Dictionary<string, string> { ["k"] = "a" };
        DatasetNames collection = ["a", "b"];

        Assert.True(single.IsSingle);
        Assert.Equal("a", single.SingleName);
        Assert.True(array.IsList);
        Assert.True(list.IsList);
        Assert.True(collection.IsList);
        Assert.Equal(["a", "b"], collection.Names);
        Assert.True(dictionary.IsDictionary);
        Assert.Equal(["a"], dictionary.Names);
        Assert.Equal("k", dictionary.Entries[0].Key);
    }

    [Fact]
    public void NullableParameters_AcceptNullNamesAndCollectionExpressions()
    {
        Assert.True(Accept(null).IsNone);
        Assert.True(Accept((string?)null).IsNone);
        Assert.True(Accept(["x"]).IsList);
        Assert.True(Accept("x").IsSingle);
        Assert.True(Accept([]).IsEmpty);
        Assert.False(Accept([]).IsNone);
    }

    [Fact]
    public void Equality_FollowsKedrosHashableForms()
    {
        Assert.Equal((DatasetNames)"a", (DatasetNames)"a");
        Assert.NotEqual((DatasetNames)"a", (DatasetNames)new[] { "a" });
        Assert.NotEqual((DatasetNames)new[] { "a", "b" }, (DatasetNames)new[] { "b", "a" });

        DatasetNames first = new Dictionary<string, string> { ["x"] = "a", ["y"] = "b" };
        DatasetNames second = new Dictionary<string, string> { ["y"] = "b", ["x"] = "a" };
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(default, (DatasetNames)Array.Empty<string>());
    }

    [Fact]
    public void ToString_PrintsPythonLiterals()
    {
        Assert.Equal("A", ((DatasetNames)"A").ToString());
        Assert.Equal("['A', 'B']", ((DatasetNames)new[] { "A", "B" }).ToString());
        Assert.Equal("{'a': 'A'}", ((DatasetNames)new Dictionary<string, string> { ["a"] = "A" }).ToString());
        Assert.Equal("None", default(DatasetNames).ToString());
    }

    [Fact]
    public void Rename_KeepsDictionaryKeys()
    {
        DatasetNames names = new Dictionary<string, string> { ["k"] = "a" };

        var renamed = names.Rename(name => "ns." + name);

        Assert.Equal("k", renamed.Entries[0].Key);
        Assert.Equal(["ns.a"], renamed.Names);
        Assert.Equal(["a", "b"], (IEnumerable<string>)(DatasetNames)new[] { "a", "b" });
    }
}

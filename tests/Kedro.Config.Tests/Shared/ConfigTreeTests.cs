using Kedro.Config.Internal;
using Kedro.Shared.Config;
using Kedro.Shared.Text;

namespace Kedro.Config.Tests.Shared;

public sealed class ConfigTreeTests
{
    private static readonly SourceMark Mark = new("test", 1, 1);

    [Fact]
    public void Merge_PlainTreesAndParsedNodes_GiveTheSameResultForManyRandomTrees()
    {
        var random = new Random(20261206);
        for (var round = 0; round < 500; round++)
        {
            var target = RandomMapping(random, 3);
            var overlay = RandomMapping(random, 3);

            var plain = Outcome(() => ConfigTree.Merge(target, overlay, ConfigErrors.CannotMergeMappingWithList));
            var nodes = Outcome(() => NodeMerge.Deep((MapNode)ConfigNode.FromPlain(target, Mark), (MapNode)ConfigNode.FromPlain(overlay, Mark)).ToPlain());

            Assert.Equal(plain, nodes);
        }
    }

    [Fact]
    public void Merge_MappingOverList_FailsAsOmegaConfOrReplacesAsKedrosRuntimeParameterMerge()
    {
        var target = new Dictionary<string, object?> { ["model"] = new Dictionary<string, object?> { ["layers"] = new List<object?> { 1, 2 }, ["seed"] = 3 } };
        var overlay = new Dictionary<string, object?> { ["model"] = new Dictionary<string, object?> { ["layers"] = new Dictionary<string, object?> { ["n"] = 4 } } };

        var error = Assert.Throws<BadConfigException>(() => ConfigTree.Merge(target, overlay, ConfigErrors.CannotMergeMappingWithList));
        Assert.Contains("full_key: model.layers", error.Message, StringComparison.Ordinal);

        var replaced = ConfigTree.Merge(target, overlay);
        var model = Assert.IsType<Dictionary<string, object?>>(replaced["model"]);
        Assert.Equal(new Dictionary<string, object?> { ["n"] = 4 }, model["layers"]);
        Assert.Equal(3, model["seed"]);
    }

    [Fact]
    public void Merge_NeverChangesItsInputs()
    {
        var inner = new Dictionary<string, object?> { ["a"] = 1 };
        var target = new Dictionary<string, object?> { ["x"] = inner };
        var overlay = new Dictionary<string, object?> { ["x"] = new Dictionary<string, object?> { ["b"] = 2 } };

        var merged = ConfigTree.Merge(target, overlay);
        ((Dictionary<string, object?>)merged["x"]!)["a"] = 9;

        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1 }, inner);
        Assert.Single((Dictionary<string, object?>)overlay["x"]!);
    }

    [Fact]
    public void Copy_AnyMappingAndSequenceShape_BecomesDictionariesAndLists()
    {
        IReadOnlyDictionary<string, object?> readOnly = new SortedList<string, object?> { ["b"] = (short)2, ["a"] = Enumerable.Range(1, 2).Select(i => (object?)(float)i) };

        var copy = ConfigTree.CopyMapping(readOnly, normalizeScalars: true);

        Assert.Equal(2, copy["b"]);
        Assert.Equal(new List<object?> { 1.0, 2.0 }, copy["a"]);
        Assert.Equal((short)2, ConfigTree.CopyMapping(readOnly)["b"]);
    }

    private static string Outcome(Func<object?> merge)
    {
        try
        {
            return PythonLiterals.Repr(merge());
        }
        catch (BadConfigException e)
        {
            return "error: " + e.Message;
        }
    }

    private static Dictionary<string, object?> RandomMapping(Random random, int depth)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            map["k" + random.Next(0, 4)] = RandomValue(random, depth - 1);
        }

        return map;
    }

    private static object? RandomValue(Random random, int depth) => random.Next(depth > 0 ? 5 : 3) switch
    {
        0 => random.Next(0, 10),
        1 => "s" + random.Next(0, 3),
        2 => null,
        3 => RandomMapping(random, depth),
        _ => new List<object?> { random.Next(0, 3), "x" },
    };
}

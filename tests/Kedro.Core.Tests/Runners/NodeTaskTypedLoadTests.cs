using Kedro.Core.Tests.IO;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing.Runners;

namespace Kedro.Core.Tests.Runners;

public class NodeTaskTypedLoadTests
{
    private static Dictionary<string, object?> ModelOptionsTree() => new()
    {
        ["test_size"] = 0.25,
        ["random_state"] = 42,
        ["features"] = new List<object?> { "engines", "crew" },
    };

    private static Dictionary<string, object?> Run(Node node, DataCatalog catalog, bool isAsync, HookManager? hooks = null)
    {
        var output = new MemoryDataset();
        catalog[node.Outputs[0]] = output;
        new NodeTask(node, catalog, isAsync, hooks ?? new HookManager()).Execute();
        return new Dictionary<string, object?> { [node.Outputs[0]] = output.Load() };
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Execute_RecordParameter_GetsTheParamsDictionaryBound(bool isAsync)
    {
        var node = Node.Create((IReadOnlyList<int> rows, ModelOptions options) => $"{rows.Count}:{options.TestSize}:{options.RandomState}:{string.Join(",", options.Features)}",
            ["rows", "params:model_options"], "summary", name: "split");
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["rows"] = new MemoryDataset(new List<int> { 1, 2, 3 }),
            ["params:model_options"] = new MemoryDataset(ModelOptionsTree()),
        });

        Assert.Equal("3:0.25:42:engines,crew", Run(node, catalog, isAsync)["summary"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Execute_TypedDataset_IsAskedForEachParametersType(bool isAsync)
    {
        var probe = new TypedProbeDataset(type => type == typeof(string[]) ? new[] { "a" } : type == typeof(int) ? 4 : null);
        var other = new TypedProbeDataset(type => type == typeof(int) ? 4 : "untyped");
        var node = Node.Create((string[] names, int count, object? anything) => $"{names[0]}{count}{anything}",
            ["names", "count", "anything"], "out", name: "typed");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["names"] = probe, ["count"] = other, ["anything"] = new TypedProbeDataset(_ => "!") });

        Assert.Equal("a4!", Run(node, catalog, isAsync)["out"]);
        Assert.Equal([typeof(string[])], probe.Requested);
        Assert.Equal([typeof(int)], other.Requested);
        Assert.Equal([typeof(object)], ((TypedProbeDataset)catalog["anything"]).Requested);
    }

    [Fact]
    public void Execute_DictionaryInputsAndParamsArray_UseTheBoundParametersTypes()
    {
        var first = new TypedProbeDataset(_ => 1L);
        var rest = new TypedProbeDataset(_ => 2.0);
        var node = Node.Create((int head, params double[] tail) => head + tail.Sum(), ["first", "rest", "rest2"], "sum", name: "p");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["first"] = first, ["rest"] = rest, ["rest2"] = rest });

        Assert.Equal(5.0, Run(node, catalog, isAsync: false)["sum"]);
        Assert.Equal([typeof(int)], first.Requested);
        Assert.Equal([typeof(double), typeof(double)], rest.Requested);
    }

    [Fact]
    public void Execute_NumericInput_IsConvertedToTheParameterType()
    {
        var node = Node.Create((int alpha) => alpha * 2, "params:alpha", "out", name: "scale");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params:alpha"] = new MemoryDataset(21L) });
        Assert.Equal(42, Run(node, catalog, isAsync: false)["out"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Execute_InputThatCannotBeConverted_NamesNodeDatasetAndTypes(bool isAsync)
    {
        var node = Node.Create((int alpha) => alpha * 2, "params:alpha", "out", name: "scale");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params:alpha"] = new MemoryDataset("fast") });

        var error = Assert.Throws<DatasetException>(() => Run(node, catalog, isAsync));

        Assert.Equal(
            "Node 'scale' cannot take dataset 'params:alpha' as its parameter of type 'int': the dataset loaded a value of "
            + "type 'string', which cannot be converted to 'int'. Declare the parameter as 'string' or 'object', "
            + "or configure the dataset to load a 'int'.",
            error.Message);
    }

    [Fact]
    public void Execute_RecordThatCannotBeBound_SaysWhy()
    {
        var node = Node.Create((ModelOptions options) => options.RandomState, "params:model_options", "out", name: "train");
        var tree = ModelOptionsTree();
        tree["test_size"] = "a quarter";
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params:model_options"] = new MemoryDataset(tree) });

        var error = Assert.Throws<DatasetException>(() => Run(node, catalog, isAsync: false));

        Assert.StartsWith(
            "Node 'train' cannot take dataset 'params:model_options' as its parameter of type 'ModelOptions'",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("TestSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_AfterDatasetLoadedHook_SeesTheConvertedValue()
    {
        var seen = new List<object?>();
        var manager = new HookManager();
        manager.Register(new LoadedHook(seen));
        var node = Node.Create((ModelOptions options) => options.RandomState, "params:model_options", "out", name: "train");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["params:model_options"] = new MemoryDataset(ModelOptionsTree()) });

        Assert.Equal(42, Run(node, catalog, isAsync: false, manager)["out"]);
        Assert.IsType<ModelOptions>(Assert.Single(seen));
    }

    [Theory]
    [MemberData(nameof(Kit.RunnerKinds), MemberType = typeof(Kit))]
    public void Run_WithEveryRunner_BindsParamsRecords(string kind)
    {
        var pipeline = new Pipeline([Node.Create((ModelOptions options) => options.Features.Count, "params:model_options", "count", name: "count")]);
        var catalog = new DataCatalog(new Dictionary<string, IDataset>
        {
            ["params:model_options"] = new MemoryDataset(ModelOptionsTree()),
            ["count"] = new MemoryDataset(),
        });

        Kit.Runner(kind).Run(pipeline, catalog);

        Assert.Equal(2, catalog.Load("count"));
    }

    private sealed class LoadedHook(List<object?> seen) : IDatasetHooks
    {
        public void AfterDatasetLoaded(string datasetName, object? data, Node node) => seen.Add(data);
    }
}

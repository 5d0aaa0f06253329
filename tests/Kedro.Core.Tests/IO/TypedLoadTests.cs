using System.Text.Json.Serialization;
using Kedro.IO;

#pragma warning disable CA2263 // the Type overloads are under test: runners call them with a parameter's type

namespace Kedro.Core.Tests.IO;

public enum RegressorKind
{
    Linear,
    RandomForest,
}

public sealed record ModelOptions(double TestSize, int RandomState, IReadOnlyList<string> Features);

#pragma warning disable CA1051 // public fields on purpose: configuration binds to fields as well as properties
public sealed class FieldOptions
{
    public double LearningRate;
    public int MaxDepth;
}
#pragma warning restore CA1051

public sealed class Renamed
{
    [JsonPropertyName("alpha_value")]
    public double Alpha { get; init; }

    public Dictionary<string, int> Weights { get; init; } = [];

    public ModelOptions? Inner { get; init; }

    public RegressorKind Kind { get; init; }
}

/// <summary>A dataset that loads whatever type it is asked for and records the requests.</summary>
public sealed class TypedProbeDataset(Func<Type, object?> load) : ITypedLoadDataset
{
    private readonly List<Type> _requested = [];

    public IReadOnlyList<Type> Requested
    {
        get
        {
            lock (_requested)
            {
                return [.. _requested];
            }
        }
    }

    public int UntypedLoads { get; private set; }

    public bool IsEphemeral => false;

    public bool IsSingleProcess => false;

    public object? Load(Type requestedType)
    {
        lock (_requested)
        {
            _requested.Add(requestedType);
        }

        return load(requestedType);
    }

    public ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default) =>
        new(Load(requestedType));

    public object? Load()
    {
        UntypedLoads++;
        return load(typeof(object));
    }

    public ValueTask<object?> LoadAsync(CancellationToken cancellationToken = default) => new(Load());

    public void Save(object? data)
    {
    }

    public ValueTask SaveAsync(object? data, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public bool Exists() => true;

    public void Release()
    {
    }

    public IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>();
}

public class TypedLoadTests
{
    private static Dictionary<string, object?> ModelOptionsTree() => new()
    {
        ["test_size"] = 0.2,
        ["random_state"] = 3,
        ["features"] = new List<object?> { "engines", "passenger_capacity", "crew" },
    };

    private static DataCatalog CatalogWith(object? value) =>
        new(new Dictionary<string, IDataset> { ["x"] = new MemoryDataset(value) });

    [Fact]
    public void Load_WithType_AsksTheTypedDatasetForThatType()
    {
        var probe = new TypedProbeDataset(type => type == typeof(string) ? "typed" : 1);
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["x"] = probe });

        Assert.Equal("typed", catalog.Load("x", typeof(string)));
        Assert.Equal("typed", catalog.Load<string>("x"));
        Assert.Equal([typeof(string), typeof(string)], probe.Requested);
        Assert.Equal(0, probe.UntypedLoads);
    }

    [Fact]
    public async Task LoadAsync_WithType_AsksTheTypedDatasetForThatType()
    {
        var probe = new TypedProbeDataset(type => type == typeof(int) ? 7 : "untyped");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["x"] = probe });

        Assert.Equal(7, await catalog.LoadAsync("x", typeof(int)));
        Assert.Equal(7, await catalog.LoadAsync<int>("x"));
        Assert.Equal([typeof(int), typeof(int)], probe.Requested);
    }

    [Fact]
    public void Load_PlainLoadOfTypedDataset_StaysUntyped()
    {
        var probe = new TypedProbeDataset(_ => "untyped");
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["x"] = probe });

        Assert.Equal("untyped", catalog.Load("x"));
        Assert.Empty(probe.Requested);
        Assert.Equal(1, probe.UntypedLoads);
    }

    [Fact]
    public void Load_LongToInt_ConvertsTheNumber()
    {
        var catalog = CatalogWith(5L);
        Assert.Equal(5, catalog.Load<int>("x"));
        Assert.Equal(5.0, catalog.Load<double>("x"));
        Assert.Equal(5m, catalog.Load("x", typeof(decimal)));
        Assert.Equal(5, catalog.Load<int?>("x"));
    }

    [Fact]
    public void Load_WholeDoubleToInt_Converts()
    {
        Assert.Equal(3, CatalogWith(3.0).Load<int>("x"));
    }

    [Fact]
    public void Load_FractionalDoubleToInt_RefusesAndSaysWhy()
    {
        var error = Assert.Throws<DatasetException>(() => CatalogWith(3.5).Load<int>("x"));
        Assert.Equal(
            "Dataset 'x' loaded a value of type 'double', which is not a 'int' and cannot be converted to one: 3.5 is not a whole number.",
            error.Message);
    }

    [Fact]
    public void Load_NumberOutOfRange_RefusesAndSaysWhy()
    {
        var error = Assert.Throws<DatasetException>(() => CatalogWith(long.MaxValue).Load<int>("x"));
        Assert.Contains("is out of range", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Dataset 'x' loaded a value of type 'long', which is not a 'int'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StringToNumber_IsNotGuessed()
    {
        var error = Assert.Throws<DatasetException>(() => CatalogWith("12").Load("x", typeof(int)));
        Assert.Equal("Dataset 'x' loaded a value of type 'string', which is not a 'int'.", error.Message);
    }

    [Fact]
    public void Load_NullToValueType_Refuses_NullToNullable_Passes()
    {
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["x"] = new TypedProbeDataset(_ => null) });
        var error = Assert.Throws<DatasetException>(() => catalog.Load("x", typeof(int)));
        Assert.Equal("Dataset 'x' loaded 'null', which cannot be returned as 'int'.", error.Message);
        Assert.Null(catalog.Load("x", typeof(int?)));
        Assert.Null(catalog.Load("x", typeof(string)));
    }

    [Fact]
    public void Load_ConfigDictionaryToRecord_BindsSnakeCaseKeys()
    {
        var options = CatalogWith(ModelOptionsTree()).Load<ModelOptions>("x");

        Assert.Equal(0.2, options.TestSize);
        Assert.Equal(3, options.RandomState);
        Assert.Equal(["engines", "passenger_capacity", "crew"], options.Features);
    }

    [Fact]
    public void Load_ConfigDictionaryToTypeWithPublicFields_FillsTheFieldsAsDatasetLoadsDo()
    {
        var tree = new Dictionary<string, object?> { ["learning_rate"] = 0.5, ["max_depth"] = 4 };

        var options = CatalogWith(tree).Load<FieldOptions>("x");

        Assert.Equal(0.5, options.LearningRate);
        Assert.Equal(4, options.MaxDepth);
    }

    [Fact]
    public void Load_ReadOnlyDictionaryTree_BindsAsAMapping()
    {
        IReadOnlyDictionary<string, object?> tree = new SortedList<string, object?> { ["test_size"] = 0.2, ["random_state"] = 3, ["features"] = new List<object?>() };

        var options = CatalogWith(tree).Load<ModelOptions>("x");

        Assert.Equal(0.2, options.TestSize);
        Assert.Equal(3, options.RandomState);
    }

    [Fact]
    public void Load_ConfigListToStringCollections_Converts()
    {
        var catalog = CatalogWith(new List<object?> { "a", "b" });
        Assert.Equal(["a", "b"], catalog.Load<string[]>("x"));
        Assert.Equal(["a", "b"], catalog.Load<IReadOnlyList<string>>("x"));
        Assert.Equal(["a", "b"], catalog.Load<List<string>>("x"));
    }

    [Fact]
    public void Load_ConfigDictionary_HonoursAttributesNestingEnumsAndKeepsDictionaryKeys()
    {
        var tree = new Dictionary<string, object?>
        {
            ["alpha_value"] = 1.5,
            ["weights"] = new Dictionary<string, object?> { ["engine_type"] = 2, ["Crew"] = 1 },
            ["inner"] = ModelOptionsTree(),
            ["kind"] = "random_forest",
            ["not_a_member"] = "ignored",
        };

        var renamed = CatalogWith(tree).Load<Renamed>("x");

        Assert.Equal(1.5, renamed.Alpha);
        Assert.Equal(new Dictionary<string, int> { ["engine_type"] = 2, ["Crew"] = 1 }, renamed.Weights);
        Assert.Equal(3, renamed.Inner!.RandomState);
        Assert.Equal(RegressorKind.RandomForest, renamed.Kind);
    }

    [Fact]
    public void Load_ConfigDictionaryWithBadValue_SaysWhichValue()
    {
        var tree = ModelOptionsTree();
        tree["random_state"] = "three";

        var error = Assert.Throws<DatasetException>(() => CatalogWith(tree).Load<ModelOptions>("x"));

        Assert.StartsWith(
            "Dataset 'x' loaded a value of type 'Dictionary<string, object>', which is not a "
            + "'ModelOptions' and cannot be converted to one: ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("RandomState", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StringToEnum_MatchesIgnoringCaseAndUnderscores()
    {
        Assert.Equal(RegressorKind.RandomForest, CatalogWith("random_forest").Load<RegressorKind>("x"));
        var error = Assert.Throws<DatasetException>(() => CatalogWith("tree").Load<RegressorKind>("x"));
        Assert.EndsWith("cannot be converted to one: 'tree' is not one of 'Linear', 'RandomForest'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SequenceOfTheRightItems_IsCopiedIntoTheRequestedCollection()
    {
        var options = new List<ModelOptions> { new(0.1, 1, []) };
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["x"] = new TypedProbeDataset(_ => options) });

        Assert.Equal(options, catalog.Load<ModelOptions[]>("x"));
        Assert.Equal([1, 2], CatalogWith(new[] { 1, 2 }).Load<List<int>>("x"));
    }

    [Fact]
    public void Load_ValueThatFits_IsReturnedAsIs()
    {
        var list = new List<int> { 1 };
        Assert.Same(list, new DataCatalog(new Dictionary<string, IDataset> { ["x"] = new TypedProbeDataset(_ => list) })
            .Load("x", typeof(IReadOnlyList<int>)));
    }

    [Fact]
    public void Load_WithTypeAndVersion_NamesMissingDataset()
    {
        var error = Assert.Throws<DatasetNotFoundException>(() => new DataCatalog().Load("missing", typeof(int)));
        Assert.Equal("Dataset 'missing' not found in the catalog", error.Message);
    }
}

using Kedro.Conversion;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;
using Kedro.Testing.Runners;

namespace Kedro.Core.Tests.Conversion;

// The registry is process-wide, so each test uses its own pair of types: what one test registers cannot change another.
// The converters are public with parameterless constructors, as every registered converter must be for ParallelRunner
// (whose runs in this test process re-create them in their workers).
public sealed class ValueConvertersTests
{
    [Fact]
    public void A_pipeline_refuses_a_pair_no_converter_handles_and_says_how_to_register_one()
    {
        var error = Assert.Throws<PipelineException>(() => new Pipeline([
            Node.Create(() => new Celsius(20), null, "temperature", "measure"),
            Node.Create((Kelvin k) => k.Value, "temperature", "reading", "read"),
        ]));

        Assert.Contains("which cannot be assigned from 'ValueConvertersTests.Celsius'", error.Message, StringComparison.Ordinal);
        Assert.Contains("register an IValueConverter for the pair (ValueConverters.Register)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kit.RunnerKinds), MemberType = typeof(Kit))]
    public void A_registered_converter_lets_the_pipeline_build_and_converts_the_input_when_the_node_runs(string kind)
    {
        ValueConverters.Register(new MetresToFeet());
        var pipeline = new Pipeline([
            Node.Create(() => new Metres(10), null, "length", "measure"),
            Node.Create((Feet f) => f.Value, "length", "reading", "read"),
        ]);

        var outputs = Kit.Runner(kind).Run(pipeline, new DataCatalog());

        Assert.Equal(10 / 0.3048, (double)outputs["reading"].Load()!, 9);
    }

    [Fact]
    public void A_conversion_that_would_lose_information_fails_the_node_with_the_converters_reason()
    {
        ValueConverters.Register(new MetresToFeet());
        var pipeline = new Pipeline([
            Node.Create(() => new Metres(-1), null, "length", "measure"),
            Node.Create((Feet f) => f.Value, "length", "reading", "read"),
        ]);

        var error = Assert.Throws<DatasetException>(() => new SequentialRunner().Run(pipeline, new DataCatalog()));

        Assert.Contains("Node 'read' cannot take dataset 'length' as its parameter of type 'ValueConvertersTests.Feet'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(a length of -1 m is not a length)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_catalog_load_uses_a_registered_converter()
    {
        ValueConverters.Register(new GramsToOunces());
        var catalog = new DataCatalog(new Dictionary<string, IDataset> { ["weight"] = new MemoryDataset(new Grams(28.349523125)) });

        Assert.Equal(1.0, catalog.Load<Ounces>("weight").Value, 9);
    }

    [Fact]
    public void Registering_the_same_converter_type_twice_keeps_one_and_find_answers_by_the_pair()
    {
        ValueConverters.Register(new LitresToGallons());
        ValueConverters.Register(new LitresToGallons());

        Assert.Single(ValueConverters.Registered, c => c is LitresToGallons);
        Assert.IsType<LitresToGallons>(ValueConverters.Find(typeof(Litres), typeof(Gallons)));
        Assert.Null(ValueConverters.Find(typeof(Gallons), typeof(Litres)));
        Assert.Throws<ArgumentNullException>(() => ValueConverters.Register(null!));
    }

    public sealed record Celsius(double Value);

    public sealed record Kelvin(double Value);

    public sealed record Metres(double Value);

    public sealed record Feet(double Value);

    public sealed record Grams(double Value);

    public sealed record Ounces(double Value);

    public sealed record Litres(double Value);

    public sealed record Gallons(double Value);

    public sealed class MetresToFeet : IValueConverter
    {
        public bool CanConvert(Type from, Type to) => from == typeof(Metres) && to == typeof(Feet);

        public object Convert(object value, Type to)
        {
            var metres = ((Metres)value).Value;
            return metres < 0 ? throw new InvalidDataException($"a length of {metres} m is not a length") : new Feet(metres / 0.3048);
        }
    }

    public sealed class GramsToOunces : IValueConverter
    {
        public bool CanConvert(Type from, Type to) => from == typeof(Grams) && to == typeof(Ounces);

        public object Convert(object value, Type to) => new Ounces(((Grams)value).Value / 28.349523125);
    }

    public sealed class LitresToGallons : IValueConverter
    {
        public bool CanConvert(Type from, Type to) => from == typeof(Litres) && to == typeof(Gallons);

        public object Convert(object value, Type to) => new Gallons(((Litres)value).Value / 3.785411784);
    }
}

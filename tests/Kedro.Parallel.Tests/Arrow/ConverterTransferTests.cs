using Kedro.Conversion;
using Kedro.IO;
using Kedro.WorkerProcesses.Protocol;
using Kedro.WorkerProcesses.Serialization;
using Kedro.WorkerProcesses.SharedMemory;

namespace Kedro.Parallel.Tests.Arrow;

/// <summary>Registered value converters as worker processes re-create them.</summary>
public sealed class ConverterTransferTests
{
    public sealed class NeedsArguments(string name) : IValueConverter
    {
        public string Name => name;

        public bool CanConvert(Type from, Type to) => false;

        public object Convert(object value, Type to) => value;
    }

    private sealed class Hidden : IValueConverter
    {
        public bool CanConvert(Type from, Type to) => false;

        public object Convert(object value, Type to) => value;
    }

    [Fact]
    public void Export_NamesEveryRegisteredConverterWithItsAssembly()
    {
        ValueConverters.Register(new PointRowsConverter());

        var exported = ConverterTransfer.Export();

        var points = Assert.Single(exported, c => c.Type == typeof(PointRowsConverter).AssemblyQualifiedName);
        Assert.Equal(typeof(PointRowsConverter).Assembly.Location, points.AssemblyPath);
    }

    [Fact]
    public void Import_RegistersTheConverterFromItsTypeName()
    {
        ConverterTransfer.Import([new ConverterMessage { Type = typeof(PointRowsConverter).AssemblyQualifiedName! }]);

        Assert.IsType<PointRowsConverter>(ValueConverters.Find(typeof(PointRows), typeof(Apache.Arrow.RecordBatch)));
    }

    [Fact]
    public void RecreationProblem_SaysWhyAConverterCannotBeCreatedInAWorker()
    {
        Assert.Null(SharedMemoryMessages.ConverterRecreationProblem(typeof(PointRowsConverter)));
        Assert.EndsWith("it has no public parameterless constructor.", SharedMemoryMessages.ConverterRecreationProblem(typeof(NeedsArguments)), StringComparison.Ordinal);
        Assert.EndsWith("it is not a public, concrete class.", SharedMemoryMessages.ConverterRecreationProblem(typeof(Hidden)), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OfAnUnknownOrUnfitType_FailsNamingIt()
    {
        var missing = Assert.Throws<DatasetException>(() => ConverterTransfer.Import([new ConverterMessage { Type = "Nowhere.Converter, Nowhere" }]));
        Assert.Contains("'Nowhere.Converter, Nowhere'", missing.Message, StringComparison.Ordinal);

        var unfit = Assert.Throws<DatasetException>(() => ConverterTransfer.Import([new ConverterMessage { Type = typeof(NeedsArguments).AssemblyQualifiedName! }]));
        Assert.Contains("The following value converters cannot be re-created in a worker process", unfit.Message, StringComparison.Ordinal);
        Assert.Contains("NeedsArguments", unfit.Message, StringComparison.Ordinal);
    }
}

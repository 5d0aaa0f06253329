using System.Globalization;
using System.Numerics;
using Kedro.WorkerProcesses.Protocol;

namespace Kedro.Parallel.Tests.Runs;

/// <summary>The configuration a dataset reaches a worker with keeps every value and its kind.</summary>
public sealed class ConfigJsonTests
{
    [Fact]
    public void Read_OfTryWrite_KeepsEveryScalarKindIncludingIntegersBeyond64Bits()
    {
        var huge = BigInteger.Parse("123456789012345678901234", CultureInfo.InvariantCulture);
        var config = new Dictionary<string, object?>
        {
            ["type"] = "pandas.CSVDataset",
            ["small"] = 7,
            ["large"] = 5_000_000_000L,
            ["huge"] = huge,
            ["rate"] = 2.0,
            ["on"] = true,
            ["nothing"] = null,
            ["nested"] = new Dictionary<string, object?> { ["items"] = new List<object?> { 1, "b", -huge } },
        };

        var json = ConfigJson.TryWrite(config);

        Assert.NotNull(json);
        var back = ConfigJson.Read(json);
        Assert.Equal(7, back["small"]);
        Assert.Equal(5_000_000_000L, back["large"]);
        Assert.Equal(huge, back["huge"]);
        Assert.Equal(2.0, back["rate"]);
        Assert.Equal(true, back["on"]);
        Assert.Null(back["nothing"]);
        var nested = Assert.IsType<Dictionary<string, object?>>(back["nested"]);
        Assert.Equal(new List<object?> { 1, "b", -huge }, nested["items"]);
    }
}

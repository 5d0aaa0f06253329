using ScottPlot;

namespace Kedro.Datasets.Plots.Tests.Support;

/// <summary>A plottable that fails while the plot is rendered, as a chart with bad data does.</summary>
internal sealed class ThrowingPlottable : IPlottable
{
    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public AxisLimits GetAxisLimits() => new(0, 1, 0, 1);

    public void Render(RenderPack rp) => throw new InvalidOperationException("the series cannot be drawn");
}

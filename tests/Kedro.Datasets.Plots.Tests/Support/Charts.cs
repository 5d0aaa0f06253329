using Plotly.NET;

namespace Kedro.Datasets.Plots.Tests.Support;

/// <summary>Plotly.NET charts as a node builds them.</summary>
internal static class Charts
{
    /// <summary>A chart with two traces (bars and a line) and a titled layout, built with Plotly.NET's own objects.</summary>
    public static GenericChart BarsAndLine()
    {
        var bars = new Trace("bar");
        bars.SetProperty("x", new[] { "Type V5", "Type F5" });
        bars.SetProperty("y", new[] { 3.5, 4.25 });
        bars.SetProperty("name", "capacity");
        bars.SetProperty("uid", "trace-1");
        var line = new Trace("scatter");
        line.SetProperty("x", new[] { "Type V5", "Type F5" });
        line.SetProperty("y", new[] { 3, 4 });
        line.SetProperty("mode", "lines");
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = "Capacity" });
        layout.SetProperty("showlegend", true);
        return GenericChart.setLayout(layout, GenericChart.ofTraceObjects(false, new[] { bars, line }));
    }
}

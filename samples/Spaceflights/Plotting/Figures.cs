using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Spaceflights.Plotting;

/// <summary>Plotly figures for the sample's reports, as plotly's <c>graph_objects</c> makes them.</summary>
internal static class Figures
{
    /// <summary>A figure with one vertical bar trace, plotly's <c>go.Figure([go.Bar(x=x, y=y)])</c>.</summary>
    /// <param name="x">The categories.</param>
    /// <param name="y">The bar heights, one a category.</param>
    /// <returns>The figure.</returns>
    public static GenericChart Bar(IEnumerable<string> x, IEnumerable<double> y) =>
        // Plotly.NET's F# optional arguments are plain parameters from C#; null is F#'s None (the default).
        Chart2D_Bar.Chart.Column<double, string, string, string, string>(
            y, FSharpOption<IEnumerable<string>>.Some(x),
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}

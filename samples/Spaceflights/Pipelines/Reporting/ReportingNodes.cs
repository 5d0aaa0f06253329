using Microsoft.Data.Analysis;
using Plotly.NET;
using ScottPlot;
using Spaceflights.Frames;
using Spaceflights.Plotting;

namespace Spaceflights.Pipelines.Reporting;

/// <summary>The nodes of the <c>reporting</c> pipeline.</summary>
internal static class ReportingNodes
{
    /// <summary>The mean of every numeric column by shuttle type, drawn by <c>plotly.PlotlyDataset</c> from the catalog's <c>plotly_args</c>.</summary>
    /// <param name="preprocessedShuttles">The preprocessed shuttles.</param>
    /// <returns>One row a shuttle type.</returns>
    public static DataFrame ComparePassengerCapacityExp(DataFrame preprocessedShuttles) =>
        Tables.GroupMean(preprocessedShuttles, "shuttle_type");

    /// <summary>A bar chart of the mean passenger capacity by shuttle type, saved by <c>plotly.JSONDataset</c>.</summary>
    /// <param name="preprocessedShuttles">The preprocessed shuttles.</param>
    /// <returns>The figure.</returns>
    public static GenericChart ComparePassengerCapacityGo(DataFrame preprocessedShuttles)
    {
        var dataFrame = Tables.GroupMean(preprocessedShuttles, "shuttle_type");
        return Figures.Bar(x: dataFrame["shuttle_type"].Cast<string>(), y: Tables.ToDoubles(dataFrame["passenger_capacity"]));
    }

    /// <summary>A confusion matrix heatmap of a fixed pair of actual and predicted classes (the companies are not used).</summary>
    /// <param name="companies">The raw companies.</param>
    /// <returns>The chart, saved by <c>matplotlib.MatplotlibDataset</c>.</returns>
    public static Plot CreateConfusionMatrix(DataFrame companies)
    {
        int[] actuals = [0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1];
        int[] predicted = [1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1];
        var confusionMatrix = Tables.Crosstab(actuals, predicted);

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(confusionMatrix);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues();
        plot.Add.ColorBar(heatmap);
        var rows = confusionMatrix.GetLength(0);
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < confusionMatrix.GetLength(1); column++)
            {
                plot.Add.Text($"{confusionMatrix[row, column]}", column, rows - 1 - row);   // row 0 is drawn at the top
            }
        }

        plot.Axes.Bottom.SetTicks([0, 1], ["0", "1"]);
        plot.Axes.Left.SetTicks([1, 0], ["0", "1"]);
        plot.HideGrid();
        plot.Title("Confusion Matrix");
        plot.XLabel("Predicted");
        plot.YLabel("Actual");
        return plot;
    }
}

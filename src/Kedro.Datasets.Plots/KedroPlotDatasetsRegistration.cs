using Kedro.Conversion;
using Kedro.IO;

namespace Kedro.Datasets.Plots;

/// <summary>Registers Kedro.Datasets.Plots' types in a <see cref="DatasetTypeRegistry"/>.</summary>
public static class KedroPlotDatasetsRegistration
{
    /// <summary>
    /// Registers <see cref="PlotlyDataset"/>, <see cref="PlotlyJsonDataset"/>, <see cref="PlotlyHtmlDataset"/> and
    /// <see cref="MatplotlibDataset"/>, each under its own name (<c>PlotlyDataset</c>), its full .NET name
    /// (<c>Kedro.Datasets.Plots.PlotlyDataset</c>) and Kedro's name (<c>plotly.PlotlyDataset</c>, <c>plotly.JSONDataset</c>,
    /// <c>plotly.HTMLDataset</c>, <c>matplotlib.MatplotlibDataset</c>; with the registry's prefix rule,
    /// <c>kedro_datasets.plotly.PlotlyDataset</c> too), and registers <see cref="PlotlyFigureConverter"/> with
    /// <see cref="ValueConverters"/> so nodes exchange figures as either type. Calling it again changes nothing.
    /// </summary>
    /// <param name="registry">The registry, for example <see cref="DatasetTypeRegistry.Default"/>.</param>
    /// <returns>The same registry, to chain calls.</returns>
    public static DatasetTypeRegistry AddKedroPlotDatasets(this DatasetTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ValueConverters.Register(new PlotlyFigureConverter());
        return registry
            .Register(static context => PlotlyDataset.Create(context), "plotly.PlotlyDataset")
            .Register(static context => PlotlyJsonDataset.Create(context), "plotly.JSONDataset")
            .Register(static context => PlotlyHtmlDataset.Create(context), "plotly.HTMLDataset")
            .Register(static context => MatplotlibDataset.Create(context), "matplotlib.MatplotlibDataset");
    }
}

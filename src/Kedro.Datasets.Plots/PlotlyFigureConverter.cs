using Kedro.Conversion;
using Plotly.NET;

namespace Kedro.Datasets.Plots;

/// <summary>
/// Converts between a Plotly.NET <see cref="GenericChart"/> and a <see cref="PlotlyFigure"/> (the same figure JSON), so a node
/// returning one can feed a node that takes the other. <see cref="KedroPlotDatasetsRegistration.AddKedroPlotDatasets"/>
/// registers it with <see cref="ValueConverters"/>.
/// </summary>
public sealed class PlotlyFigureConverter : IValueConverter
{
    /// <inheritdoc/>
    public bool CanConvert(Type from, Type to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return (typeof(GenericChart).IsAssignableFrom(from) && to == typeof(PlotlyFigure))
            || (from == typeof(PlotlyFigure) && to == typeof(GenericChart));
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The figure has animation frames, which a <see cref="GenericChart"/> cannot hold.</exception>
    public object Convert(object value, Type to)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(to);
        switch (value)
        {
            case GenericChart chart when to == typeof(PlotlyFigure):
                return PlotlyFigure.FromChart(chart);
            case PlotlyFigure figure when to == typeof(GenericChart):
                try
                {
                    return figure.ToChart();
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidDataException(e.Message, e);
                }

            default:
                throw new InvalidDataException($"A '{TypeNames.OfValue(value)}' does not convert to a '{TypeNames.Of(to)}': "
                    + "this converter turns a Plotly.NET GenericChart into a PlotlyFigure and back.");
        }
    }
}

namespace Kedro.Datasets.Plots;

internal static class Placeholder
{
}

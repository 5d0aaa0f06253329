// Kedro.NET quick start: three plain functions wired into a pipeline by dataset names,
// a catalog that holds the raw data, and a runner that executes the graph.
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Runners;

var pipeline = new Pipeline(
[
    Node.Create(Quickstart.Clean, inputs: "raw_prices", outputs: "prices", name: "clean"),
    Node.Create(Quickstart.Summarise, inputs: "prices", outputs: ["mean", "max"], name: "summarise"),
    Node.Create(Quickstart.Report, inputs: ["mean", "max", "params:currency"], outputs: "report", name: "report"),
]);

var catalog = new DataCatalog(new Dictionary<string, IDataset>
{
    ["raw_prices"] = new MemoryDataset(new[] { " 12.5", "n/a", "7.25 ", "30", "" }),
    ["params:currency"] = new MemoryDataset("EUR"),
});

var outputs = new SequentialRunner().Run(pipeline, catalog);
Console.WriteLine(outputs["report"].Load());

/// <summary>The quick start's node functions: plain static methods.</summary>
internal static class Quickstart
{
    public static double[] Clean(string[] raw) =>
        [.. raw.Select(r => double.TryParse(r.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
               .Where(v => !double.IsNaN(v))];

    public static (double Mean, double Max) Summarise(double[] prices) =>
        (prices.Average(), prices.Max());

    public static string Report(double mean, double max, string currency) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mean price {mean:F2} {currency}, highest {max:F2} {currency}");
}

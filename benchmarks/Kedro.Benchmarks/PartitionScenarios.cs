using System.Diagnostics;
using System.Globalization;
using Kedro.Datasets;
using Kedro.Datasets.Partitions;
using Kedro.IO;
using Microsoft.Data.Analysis;

/// <summary>
/// A PartitionedDataset of 10,000 small CSV files (100 folders of 100 files, 20 rows each): the time from constructing the
/// dataset through its Load() (listing, the dictionary of functions) to loading one partition as a DataFrame, each run with
/// a new dataset object. Against the same work done by hand: Directory.EnumerateFiles, an ordinal sort, and CsvDataset on
/// the one file. Both take turns in the same command; the first run of each (JIT) is reported apart.
/// </summary>
internal static class PartitionScenarios
{
    private const int Folders = 100;
    private const int FilesPerFolder = 100;
    private const int Rows = 20;
    private const string Target = "f042/part-0057";

    public static int Run(int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kedro-bench-partitions");
        EnsureFiles(folder);
        var registry = new DatasetTypeRegistry().AddKedroDatasets();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Folder: {folder} ({Folders * FilesPerFolder:N0} CSV files of {Rows} rows x 3 columns), {runs} runs each after one first (JIT) run, taking turns"));

        var firstKedro = Kedro(folder, registry);
        var firstPlain = Plain(folder);
        var kedro = new List<double>();
        var plain = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            kedro.Add(Kedro(folder, registry));
            plain.Add(Plain(folder));
        }

        Console.WriteLine("| 10,000 CSV partitions: list, then load one as a DataFrame | first run (s) | median (s) | max (s) |");
        Console.WriteLine("|---|---|---|---|");
        Row("`PartitionedDataset` (new object each run) -> `Func<DataFrame>`", firstKedro, kedro);
        Row("`Directory.EnumerateFiles` + ordinal sort + `CsvDataset`", firstPlain, plain);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PartitionedDataset / by hand (median): {Median(kedro) / Median(plain):F2}"));
        return 0;
    }

    private static double Kedro(string folder, DatasetTypeRegistry registry)
    {
        var clock = Stopwatch.StartNew();
        var dataset = new PartitionedDataset(folder, "pandas.CSVDataset", filenameSuffix: ".csv", registry: registry);
        var partitions = (IReadOnlyDictionary<string, Func<DataFrame>>)dataset.Load(typeof(IReadOnlyDictionary<string, Func<DataFrame>>))!;
        var frame = partitions[Target]();
        clock.Stop();
        Check(frame, partitions.Count);
        return clock.Elapsed.TotalSeconds;
    }

    private static double Plain(string folder)
    {
        var clock = Stopwatch.StartNew();
        var files = Directory.EnumerateFiles(folder, "*.csv", SearchOption.AllDirectories).ToList();
        files.Sort(StringComparer.Ordinal);
        var path = files[files.BinarySearch(Path.Combine(folder, Target + ".csv"), StringComparer.Ordinal)];
        var frame = (DataFrame)new CsvDataset(path).Load(typeof(DataFrame))!;
        clock.Stop();
        Check(frame, files.Count);
        return clock.Elapsed.TotalSeconds;
    }

    private static void Check(DataFrame frame, int partitions)
    {
        if (partitions != Folders * FilesPerFolder || frame.Rows.Count != Rows || frame.Columns.Count != 3)
        {
            throw new InvalidOperationException($"Listed {partitions} partitions and loaded {frame.Rows.Count} x {frame.Columns.Count}.");
        }
    }

    private static void Row(string name, double first, List<double> seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {first:F3} | {Median(seconds):F3} | {seconds.Max():F3} |"));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void EnsureFiles(string folder)
    {
        var done = Path.Combine(folder, ".complete");
        if (File.Exists(done))
        {
            return;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var random = new Random(20261206);
        for (var f = 0; f < Folders; f++)
        {
            var sub = Directory.CreateDirectory(Path.Combine(folder, $"f{f:D3}")).FullName;
            for (var p = 0; p < FilesPerFolder; p++)
            {
                using var writer = new StreamWriter(Path.Combine(sub, $"part-{p:D4}.csv"));
                writer.Write("id,amount,city\n");
                for (var r = 0; r < Rows; r++)
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{r},{Math.Round(random.NextDouble() * 100, 2)},c{random.Next(10)}\n"));
                }
            }
        }

        File.WriteAllText(done, string.Empty);
    }
}

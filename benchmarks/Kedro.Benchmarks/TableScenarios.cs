using System.Diagnostics;
using System.Globalization;
using System.Text;
using Kedro.Datasets;
using Microsoft.Data.Analysis;

/// <summary>
/// Loading a 1,000,000-row x 10-column CSV file (4 int64, 3 float64, 2 string and 1 bool columns, fixed seed) as a
/// DataFrame with Kedro.NET's CsvDataset, against pandas' read_csv on the same file, and the same table saved once as
/// Parquet (snappy) and loaded as a DataFrame with ParquetDataset; all run in turns in the same command.
/// </summary>
internal static class TableScenarios
{
    private const int Rows = 1_000_000;
    private const string Python = "/usr/bin/python3";

    public static int Run(int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kedro-bench-tables");
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, "table-1m.csv");
        EnsureCsv(csv);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"File: {csv} ({new FileInfo(csv).Length / 1e6:F1} MB, {Rows:N0} rows x 10 columns), {runs} runs each, taking turns"));
        if (!File.Exists(Python))
        {
            Console.Error.WriteLine($"{Python} not found: install Debian's pandas with 'apt-get install -y python3-pandas'.");
            return 2;
        }

        var dataset = new CsvDataset(csv);
        var warm = (DataFrame)dataset.Load(typeof(DataFrame))!; // JIT and first-touch of the file, not measured
        Check(warm);
        var parquetPath = Path.Combine(folder, "table-1m.parquet");
        var parquet = new ParquetDataset(parquetPath);
        if (!File.Exists(parquetPath))
        {
            parquet.Save(dataset.Load(typeof(Apache.Arrow.RecordBatch))!);
        }

        Check((DataFrame)parquet.Load(typeof(DataFrame))!);

        var kedro = new List<double>();
        var pandas = new List<double>();
        var fromParquet = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            pandas.Add(PandasSeconds(csv));
            kedro.Add(Time(dataset));
            fromParquet.Add(Time(parquet));
        }

        Console.WriteLine("| Load 1,000,000 x 10 as a table | median (s) | runs (s) |");
        Console.WriteLine("|---|---|---|");
        Row("pandas `read_csv`", pandas);
        Row("Kedro.NET `CsvDataset` -> `DataFrame`", kedro);
        Row("Kedro.NET `ParquetDataset` -> `DataFrame`", fromParquet);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CSV Kedro.NET / pandas: {Median(kedro) / Median(pandas):F2}; Parquet / CSV (Kedro.NET): {Median(fromParquet) / Median(kedro):F2}; Parquet file {new FileInfo(parquetPath).Length / 1e6:F1} MB"));
        return 0;
    }

    private static double Time(Kedro.IO.ITypedLoadDataset dataset)
    {
        var clock = Stopwatch.StartNew();
        var frame = (DataFrame)dataset.Load(typeof(DataFrame))!;
        clock.Stop();
        Check(frame);
        return clock.Elapsed.TotalSeconds;
    }

    private static void Check(DataFrame frame)
    {
        if (frame.Rows.Count != Rows || frame.Columns.Count != 10)
        {
            throw new InvalidOperationException($"Loaded {frame.Rows.Count} rows x {frame.Columns.Count} columns, expected {Rows} x 10.");
        }
    }

    private static void Row(string name, List<double> seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Median(seconds):F3} | {string.Join(", ", seconds.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))} |"));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // One pandas read, timed inside Python so interpreter start-up and the pandas import are not counted.
    private static double PandasSeconds(string csv)
    {
        const string Script = "import sys, time, pandas as pd\n"
            + "t = time.perf_counter(); df = pd.read_csv(sys.argv[1]); t = time.perf_counter() - t\n"
            + "assert df.shape == (1000000, 10), df.shape\n"
            + "print(repr(t))\n";
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(csv);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? double.Parse(output.Trim(), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pandas failed ({process.ExitCode}): {error}");
    }

    private static void EnsureCsv(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var random = new Random(20240601);
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("id,quantity,store,customer,price,discount,weight,city,product,returned\n");
            var cities = new[] { "Amsterdam", "Berlin", "Cairo", "Delhi", "Lima", "Oslo", "Quito", "Seoul", "Tokyo", "Zurich" };
            var line = new StringBuilder();
            for (var i = 0; i < Rows; i++)
            {
                line.Clear();
                line.Append(CultureInfo.InvariantCulture, $"{i},{random.Next(1, 1000)},{random.Next(0, 500)},{random.NextInt64(1_000_000_000L, 9_999_999_999L)},");
                line.Append(CultureInfo.InvariantCulture, $"{Math.Round(random.NextDouble() * 1000, 2)},{Math.Round(random.NextDouble(), 4)},{random.NextDouble() * 50},");
                line.Append(CultureInfo.InvariantCulture, $"{cities[random.Next(cities.Length)]},P-{random.Next(0, 100_000):D6},{(random.Next(2) == 0 ? "False" : "True")}\n");
                writer.Write(line);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }
}

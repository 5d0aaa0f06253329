using System.Diagnostics;
using System.Globalization;
using Apache.Arrow;
using Kedro.Datasets.Sql;
using Kedro.Testing;
using Kedro.Testing.Postgres;
using Microsoft.Data.Analysis;

/// <summary>
/// Saving a 1,000,000-row x 10-column table to SQLite, PostgreSQL and DuckDB and loading it back: Kedro.NET's
/// <see cref="SqlTableDataset"/> (save from an Arrow <see cref="RecordBatch"/> with <c>if_exists: replace</c>; load as a
/// <see cref="RecordBatch"/> and as a <see cref="DataFrame"/>) against plain ADO.NET programs with the same provider
/// (<see cref="SqlReference"/>). Every variant runs once per round, in an order that alternates between rounds, after
/// one unmeasured round that also checks every loaded value. Each variant has its own database (file). PostgreSQL is
/// the tests' throwaway server (<see cref="PostgresServer"/>) or the one named by KEDRO_TEST_POSTGRES_URL.
/// </summary>
internal static class SqlScenarios
{
    public static readonly string[] Engines = ["sqlite", "postgresql", "duckdb"];

    private const string Plain = "plain";
    private const string Dataset = "dataset";

    public static int Run(int runs, int rows, IReadOnlyList<string> engines)
    {
        using var folder = new TempFolder("kedro-bench-sql");
        var table = SqlTable.Generate(rows);
        var batch = table.ToRecordBatch();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} rows x {SqlTable.Columns.Length} columns (3 int64, 3 double, 2 string, 1 bool, 1 timestamp), {runs} rounds; medians in seconds of the wall time and of this process's CPU time (user + system, all threads; the PostgreSQL server's is not counted)"));
        Console.WriteLine();
        Console.WriteLine("| engine | operation | plain ADO.NET: wall | Kedro.NET `SqlTableDataset`: wall | ratio | plain: CPU | dataset: CPU | ratio | wall runs: plain / dataset |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var engine in engines)
        {
            var (reference, con) = engine switch
            {
                "sqlite" => ((SqlReference)new SqlReference.Sqlite(folder.PathOf("plain.db")), "sqlite:///" + folder.PathOf("dataset.db")),
                "postgresql" => (new SqlReference.Postgres(PostgresServer.Shared.CreateDatabaseConnectionString()), PostgresServer.Shared.CreateDatabase()),
                "duckdb" => (new SqlReference.DuckDb(folder.PathOf("plain.duckdb")), "duckdb:///" + folder.PathOf("dataset.duckdb")),
                _ => throw new ArgumentException($"Unknown engine '{engine}': expected one of {string.Join(", ", Engines)}.", nameof(engines)),
            };
            var dataset = new SqlTableDataset(SqlReference.Table, new Dictionary<string, object?> { ["con"] = con },
                saveArgs: new Dictionary<string, object?> { ["if_exists"] = "replace" });

            // The unmeasured round: compiles the code paths and checks that every load gives back what was saved.
            reference.Save(table);
            table.MustEqual(reference.Load(), reference.Engine + " plain ADO.NET load");
            dataset.Save(batch);
            table.MustEqual(SqlTable.FromRecordBatch((RecordBatch)dataset.Load(typeof(RecordBatch))!), reference.Engine + " SqlTableDataset load as RecordBatch");
            var frame = (DataFrame)dataset.Load(typeof(DataFrame))!;
            if (frame.Rows.Count != rows || frame.Columns.Count != SqlTable.Columns.Length)
            {
                throw new InvalidOperationException($"{reference.Engine} SqlTableDataset load as DataFrame: {frame.Rows.Count} x {frame.Columns.Count}, expected {rows} x {SqlTable.Columns.Length}.");
            }

            var variants = new (string Operation, string Variant, Action Action)[]
            {
                ("save", Plain, () => reference.Save(table)),
                ("save", Dataset, () => dataset.Save(batch)),
                ("load", Plain, () => reference.Load()),
                ("load", Dataset, () => dataset.Load(typeof(RecordBatch))),
                ("load as DataFrame", Dataset, () => dataset.Load(typeof(DataFrame))),
            };
            var seconds = variants.ToDictionary(v => (v.Operation, v.Variant), _ => (Wall: new List<double>(), Cpu: new List<double>()));
            for (var round = 0; round < runs; round++)
            {
                foreach (var (operation, variant, action) in round % 2 == 0 ? variants : variants.Reverse())
                {
                    var (wall, cpu) = Time(action);
                    seconds[(operation, variant)].Wall.Add(wall);
                    seconds[(operation, variant)].Cpu.Add(cpu);
                }
            }

            Row(reference.Engine, "save (from `RecordBatch`)", seconds[("save", Plain)], seconds[("save", Dataset)]);
            Row(reference.Engine, "load as `RecordBatch`", seconds[("load", Plain)], seconds[("load", Dataset)]);
            Row(reference.Engine, "load as `DataFrame`", seconds[("load", Plain)], seconds[("load as DataFrame", Dataset)]);
        }

        return 0;
    }

    private static void Row(string engine, string operation, (List<double> Wall, List<double> Cpu) plain, (List<double> Wall, List<double> Cpu) dataset) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {engine} | {operation} | {Median(plain.Wall):F3} | {Median(dataset.Wall):F3} | {Median(dataset.Wall) / Median(plain.Wall):F2}x | {Median(plain.Cpu):F3} | {Median(dataset.Cpu):F3} | {Median(dataset.Cpu) / Median(plain.Cpu):F2}x | {Runs(plain.Wall)} / {Runs(dataset.Wall)} |"));

    private static string Runs(List<double> seconds) => string.Join(", ", seconds.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)));

    private static (double Wall, double Cpu) Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        action();
        return (clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

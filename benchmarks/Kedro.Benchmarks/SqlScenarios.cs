using System.Diagnostics;
using System.Globalization;
using Kedro.Testing;
using Kedro.Testing.Postgres;

/// <summary>
/// Saving a 1,000,000-row x 10-column table to SQLite, PostgreSQL and DuckDB and loading it back, with plain ADO.NET
/// programs (<see cref="SqlReference"/>). Every variant runs once per round, in an order that alternates between
/// rounds, after one unmeasured round that also checks every loaded value. PostgreSQL is the tests' throwaway server
/// (<see cref="PostgresServer"/>) or the one named by KEDRO_TEST_POSTGRES_URL.
/// </summary>
internal static class SqlScenarios
{
    public static readonly string[] Engines = ["sqlite", "postgresql", "duckdb"];

    public static int Run(int runs, int rows, IReadOnlyList<string> engines)
    {
        using var folder = new TempFolder("kedro-bench-sql");
        var table = SqlTable.Generate(rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} rows x {SqlTable.Columns.Length} columns (3 int64, 3 double, 2 string, 1 bool, 1 timestamp), {runs} rounds, medians"));
        Console.WriteLine();
        Console.WriteLine("| engine | operation | plain ADO.NET, median (s) | runs (s) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var engine in engines)
        {
            SqlReference reference = engine switch
            {
                "sqlite" => new SqlReference.Sqlite(folder.PathOf("reference.db")),
                "postgresql" => new SqlReference.Postgres(PostgresConnectionString()),
                "duckdb" => new SqlReference.DuckDb(folder.PathOf("reference.duckdb")),
                _ => throw new ArgumentException($"Unknown engine '{engine}': expected one of {string.Join(", ", Engines)}.", nameof(engines)),
            };

            // The unmeasured round: compiles the code paths and checks that the loads give back what was saved.
            reference.Save(table);
            table.MustEqual(reference.Load(), reference.Engine + " plain ADO.NET load");

            var variants = new (string Operation, Action Action)[]
            {
                ("save", () => reference.Save(table)),
                ("load", () => reference.Load()),
            };
            var seconds = variants.ToDictionary(v => v.Operation, _ => new List<double>());
            for (var round = 0; round < runs; round++)
            {
                foreach (var (operation, action) in round % 2 == 0 ? variants : variants.Reverse())
                {
                    seconds[operation].Add(Time(action));
                }
            }

            foreach (var (operation, _) in variants)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {reference.Engine} | {operation} | {Median(seconds[operation]):F3} | {string.Join(", ", seconds[operation].Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))} |"));
            }
        }

        return 0;
    }

    private static string PostgresConnectionString()
    {
        var server = PostgresServer.Shared;
        var url = server.CreateDatabase();
        return server.ConnectionString(url[(url.LastIndexOf('/') + 1)..]);
    }

    private static double Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

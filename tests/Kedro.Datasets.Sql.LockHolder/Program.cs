// Opens the DuckDB file named by the first argument, which takes the file's write lock, prints "locked", and holds
// the lock until its standard input closes, so it cannot outlive the process that started it.
using DuckDB.NET.Data;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Kedro.Datasets.Sql.LockHolder <path to a DuckDB file>");
    return 2;
}

using var connection = new DuckDBConnection($"Data Source={args[0]}");
connection.Open();
Console.WriteLine("locked");
Console.Out.Flush();
Console.In.ReadToEnd();
return 0;

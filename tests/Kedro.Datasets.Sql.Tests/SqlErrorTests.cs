using System.Data;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Kedro.Datasets.Sql.Tests.Support;
using Kedro.IO;
using Kedro.Testing.Postgres;
using Microsoft.Data.Sqlite;
using static Kedro.Datasets.Sql.Tests.Support.Config;

namespace Kedro.Datasets.Sql.Tests;

/// <summary>Errors name the dataset, the engine and what to do; passwords never appear.</summary>
public sealed class SqlErrorTests
{
    public static TheoryData<string> Engines => TestDatabase.Engines;

    private static IEnumerable<string> Messages(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            yield return e.ToString();
        }
    }

    [Fact]
    public void WrongPassword_SaysSo_WithoutThePassword()
    {
        var server = PostgresServer.Shared;
        const string Wrong = "not-the-Password-42";
        var logger = new ListLogger();
        var dataset = new SqlTableDataset("t", Map(("con", $"postgresql://{server.User}:{Wrong}@{server.Host}:{server.Port}/postgres"))) { Logger = logger };

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains($"password authentication failed for user \"{server.User}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL connection 'postgresql://" + server.User + ":***@", error.Message, StringComparison.Ordinal);
        Assert.All(Messages(error), m => Assert.DoesNotContain(Wrong, m, StringComparison.Ordinal));
        Assert.All(logger.Messages, m => Assert.DoesNotContain(Wrong, m, StringComparison.Ordinal));
        Assert.DoesNotContain(Wrong, dataset.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, string.Join(";", dataset.Describe().Select(p => $"{p.Key}={p.Value}")), StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableServer_NamesHostAndPort()
    {
        // A port nothing listens on: bind one, note it, close it.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dataset = new SqlTableDataset("t", Map(("con", $"postgresql://kedro:Secret-Pw-9@127.0.0.1:{port}/db?connect_timeout=2")));

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains($"the server at 127.0.0.1:{port} could not be reached", error.Message, StringComparison.Ordinal);
        Assert.All(Messages(error), m => Assert.DoesNotContain("Secret-Pw-9", m, StringComparison.Ordinal));
    }

    [Fact]
    public void ShortPassword_LeavesTheDatabasesMessageOut_InsteadOfManglingIt()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dataset = new SqlTableDataset("t", Map(("con", $"postgresql://kedro:e@127.0.0.1:{port}/db?connect_timeout=2")));

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains($"PostgreSQL connection 'postgresql://kedro:***@127.0.0.1:{port}/db", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not be opened. The database's message is not shown because the connection's password is too short",
            error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("could not b*** r***ach***d", error.Message, StringComparison.Ordinal);
        Assert.All(Messages(error), m => Assert.DoesNotContain("reached", m, StringComparison.Ordinal));
    }

    [Fact]
    public void PasswordInAdoConnectionString_NeverAppears()
    {
        var server = PostgresServer.Shared;
        var con = $"Host={server.Host};Port={server.Port};Username={server.User};Password={server.Password};Database=postgres";
        var logger = new ListLogger();
        var dataset = new SqlQueryDataset("SELEC 1", Map(("con", con))) { Logger = logger };

        var error = Assert.Throws<DatasetException>(() => dataset.Load());

        Assert.Contains("PostgreSQL failed on statement 'SELEC 1'", error.Message, StringComparison.Ordinal);
        Assert.All(Messages(error), m => Assert.DoesNotContain(server.Password, m, StringComparison.Ordinal));
        Assert.All(logger.Messages, m => Assert.DoesNotContain(server.Password, m, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Password, dataset.ToString(), StringComparison.Ordinal);
        Assert.Contains("password=***", (string)dataset.Describe()["con"]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Describe_ShowsTheConnectionWithThePasswordHidden()
    {
        var dataset = new SqlTableDataset("shuttles", Map(("con", "postgresql://kedro:pa55word@db:5432/analytics")), saveArgs: Map(("if_exists", "replace")));

        Assert.Equal(
            "Kedro.Datasets.Sql.SqlTableDataset(table_name='shuttles', con='postgresql://kedro:***@db:5432/analytics', load_args={}, "
            + "save_args={'index': False, 'if_exists': 'replace'})",
            dataset.ToString());
        Assert.Equal("postgresql://kedro:***@db:5432/analytics", dataset.Describe()["con"]);
    }

    [Fact]
    public void SqliteValueThatDoesNotFitItsColumn_IsRefusedNamingTableColumnAndRow()
    {
        using var db = new TestDatabase("sqlite");
        using (var connection = new SqliteConnection("Data Source=" + db.Con["sqlite:///".Length..]))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE counts (n INTEGER, day DATE); INSERT INTO counts VALUES (1, '2024-01-01'), ('many', '2024-01-02')";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<DatasetException>(() => db.Table("counts").Load());

        Assert.Contains("Cannot load column 'n' of SQLite table 'counts': row 1 holds 'many' (text), which does not fit the column's type INTEGER",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteIntValueTooLargeAfterFittingRows_IsRefusedNamingTheRow()
    {
        using var db = new TestDatabase("sqlite");
        using (var connection = new SqliteConnection("Data Source=" + db.Con["sqlite:///".Length..]))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE wide (n INT); INSERT INTO wide VALUES (1), (NULL), (3000000000)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<DatasetException>(() => db.Table("wide").Load());

        Assert.Contains("Cannot load column 'n' of SQLite table 'wide': row 2 holds", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void LoadOfAMissingTable_SaysSo(string engine)
    {
        using var db = new TestDatabase(engine);
        db.Table("present").Save(Rows.Shuttles("a"));

        var error = Assert.Throws<DatasetException>(() => db.Table("absent").Load());

        Assert.Contains("has no table 'absent'", error.Message, StringComparison.Ordinal);
    }

    private static RecordBatch Amounts(int scale, params decimal?[] values)
    {
        var builder = new Decimal128Array.Builder(new Decimal128Type(38, scale));
        foreach (var value in values)
        {
            if (value is { } number)
            {
                builder.Append(number);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return new RecordBatch.Builder().Append("amount", true, builder.Build()).Build();
    }

    [Fact]
    public void SqliteDecimalOfMoreThan15SignificantDigits_IsRefusedNamingColumnAndRow_AndNothingIsWritten()
    {
        using var db = new TestDatabase("sqlite");
        var dataset = db.Table("amounts", saveArgs: Map(("if_exists", "replace")));
        dataset.Save(Amounts(2, 1.5m));

        var error = Assert.Throws<DatasetException>(() => dataset.Save(Amounts(0, 1m, 12345678901234567890m)));

        Assert.Contains("Column 'amount' row 1 holds the decimal 12345678901234567890, which has 20 significant digits: SQLite keeps a DECIMAL column's values "
            + "as 8-byte floating-point numbers, exact to 15 significant digits, and would round it. Nothing was saved. Use PostgreSQL or DuckDB for exact "
            + "decimals, or store the column as text", error.Message, StringComparison.Ordinal);
        Assert.Equal("1.50", ((Decimal128Array)((RecordBatch)dataset.Load(typeof(RecordBatch))!).Column(0)).GetValue(0)!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Throws<DatasetException>(() => dataset.Save(Amounts(9, 1234567890.123456789m)));
        dataset.Save(Amounts(9, 123456.123456789m, 0.000000001m));
    }

    [Fact]
    public void SqliteDecimals_LoadWithTheDeclaredScale()
    {
        using var db = new TestDatabase("sqlite");
        var dataset = db.Table("amounts");

        dataset.Save(Amounts(2, 1.10m, 1234567890.1m, -0.5m, 3m, null));

        var column = ((RecordBatch)dataset.Load(typeof(RecordBatch))!).Column(0);
        Assert.Equal(new Decimal128Type(38, 2).Scale, ((Decimal128Type)column.Data.DataType).Scale);
        Assert.Equal(38, ((Decimal128Type)column.Data.DataType).Precision);
        var values = (Decimal128Array)column;
        Assert.Equal(["1.10", "1234567890.10", "-0.50", "3.00", null],
            Enumerable.Range(0, values.Length).Select(i => values.GetValue(i)?.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void LoadOfAMissingDatabaseFile_SaysSoAndCreatesNothing()
    {
        using var db = new TestDatabase("sqlite");

        var error = Assert.Throws<DatasetException>(() => db.Table("t").Load());

        Assert.Contains("SQLite database file '" + db.Folder.PathOf("test.db") + "' does not exist.", error.Message, StringComparison.Ordinal);
        Assert.Contains("a relative path resolves against the project folder in a project, against the current folder for a dataset created in code",
            error.Message, StringComparison.Ordinal);
        Assert.False(db.Table("t").Exists());
        Assert.Empty(db.Folder.Files());
    }

    [Fact]
    public void Arguments_AreCheckedWithKedrosMessages()
    {
        var credentials = Map(("con", "sqlite:///a.db"));

        Assert.Equal("'table_name' argument cannot be empty.", Assert.Throws<ArgumentException>(() => new SqlTableDataset("", credentials)).Message);
        Assert.Equal("'sometimes' is not valid for if_exists: SqlTableDataset's save_args 'if_exists' is one of 'fail' (the default), 'replace', 'append'.",
            Assert.Throws<ArgumentException>(() => new SqlTableDataset("t", credentials, saveArgs: Map(("if_exists", "sometimes")))).Message);
        Assert.Contains("does not support load_args 'index_col'",
            Assert.Throws<ArgumentException>(() => new SqlTableDataset("t", credentials, Map(("index_col", "id")))).Message, StringComparison.Ordinal);
        Assert.Contains("does not support save_args 'method'",
            Assert.Throws<ArgumentException>(() => new SqlTableDataset("t", credentials, saveArgs: Map(("method", "multi")))).Message, StringComparison.Ordinal);
        _ = new SqlTableDataset("t", credentials, saveArgs: Map(("index", true), ("chunksize", 1000)));
    }

    [Fact]
    public void UnsupportedColumnType_IsRefusedNamingTheColumn()
    {
        using var db = new TestDatabase("sqlite");
        var list = new Apache.Arrow.ListArray.Builder(Apache.Arrow.Types.Int32Type.Default);
        list.Append();
        var batch = new Apache.Arrow.RecordBatch.Builder().Append("tags", true, list.Build()).Build();

        var error = Assert.Throws<DatasetException>(() => db.Table("t").Save(batch));

        Assert.Contains("Column 'tags' holds Arrow type 'list', which the SQL datasets cannot save to SQLite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsignedAboveTheLargestSigned_IsRefusedWhereTheEngineHasNoUnsignedType()
    {
        using var db = new TestDatabase("sqlite");
        var batch = new Apache.Arrow.RecordBatch.Builder()
            .Append("n", false, new Apache.Arrow.UInt64Array.Builder().Append(1).Append(ulong.MaxValue).Build()).Build();

        var error = Assert.Throws<DatasetException>(() => db.Table("t").Save(batch));

        Assert.Contains("Column 'n' row 1 holds 18446744073709551615, which SQLite's INTEGER cannot hold. Nothing was saved.", error.Message, StringComparison.Ordinal);
        Assert.False(db.Table("t").Exists());
    }

    [Fact]
    public void DuckDb_KeepsUnsignedIntegersWhole()
    {
        using var db = new TestDatabase("duckdb");
        var batch = new Apache.Arrow.RecordBatch.Builder()
            .Append("n", false, new Apache.Arrow.UInt64Array.Builder().Append(ulong.MaxValue).Build()).Build();

        db.Table("t").Save(batch);

        Assert.Equal(ulong.MaxValue, ((DataTable)db.Table("t").Load(typeof(DataTable))!).Rows[0]["n"]);
    }
}

using Kedro.Datasets.Sql.Engines;
using Kedro.Datasets.Sql.Internal;
using Npgsql;
using static Kedro.Datasets.Sql.Tests.Support.Config;

namespace Kedro.Datasets.Sql.Tests;

/// <summary>The connection forms of <c>credentials: {con: ...}</c>.</summary>
public sealed class SqlConnectionTests
{
    private static SqlConnectionInfo Parse(string con, string? engine = null) =>
        SqlConnectionInfo.From(engine is null ? Map(("con", con)) : Map(("con", con), ("engine", engine)), "SqlTableDataset");

    [Theory]
    [InlineData("sqlite:///data/shuttles.db", "data/shuttles.db")]
    [InlineData("sqlite:////var/data/shuttles.db", "/var/data/shuttles.db")]
    [InlineData("duckdb:///data/db.duckdb", "data/db.duckdb")]
    [InlineData("duckdb:////abs/db.duckdb", "/abs/db.duckdb")]
    public void FileUrls_NameTheFile_RelativeOrAbsolute(string con, string path)
    {
        var info = Parse(con);

        Assert.Equal(path, info.FilePath);
        Assert.Equal(con, info.Display);
    }

    [Theory]
    [InlineData("postgresql://kedro:s3cret@db.example:6543/analytics")]
    [InlineData("postgresql+psycopg2://kedro:s3cret@db.example:6543/analytics")]
    [InlineData("postgres://kedro:s3cret@db.example:6543/analytics")]
    public void PostgresUrls_MapToNpgsqlKeywords(string con)
    {
        var info = Parse(con);
        var builder = new NpgsqlConnectionStringBuilder(info.ConnectionString);

        Assert.Same(PostgresEngine.Instance, info.Engine);
        Assert.Equal(("db.example", 6543, "kedro", "s3cret", "analytics"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.DoesNotContain("s3cret", info.Display, StringComparison.Ordinal);
        Assert.Contains("kedro:***@db.example:6543/analytics", info.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresUrl_UrlEncodedUserAndPassword_AreDecoded()
    {
        var builder = new NpgsqlConnectionStringBuilder(Parse("postgresql://us%40er:p%40ss%3Aw%2Frd@localhost/db").ConnectionString);

        Assert.Equal(("us@er", "p@ss:w/rd", 5432), (builder.Username, builder.Password, builder.Port));
    }

    [Fact]
    public void PostgresUrl_QueryOptions_MapToNpgsqlOrAreRefused()
    {
        var builder = new NpgsqlConnectionStringBuilder(Parse("postgresql://u:p@h/db?sslmode=require&connect_timeout=3&application_name=kedro").ConnectionString);

        Assert.Equal((SslMode.Require, 3, "kedro"), (builder.SslMode, builder.Timeout, builder.ApplicationName));
        var error = Assert.Throws<ArgumentException>(() => Parse("postgresql://u:p@h/db?gssencmode=disable"));
        Assert.Contains("connection option 'gssencmode', which Kedro.NET does not map to PostgreSQL. Supported options: 'sslmode'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=localhost;Username=kedro;Password=pw;Database=db", "postgresql")]
    [InlineData("Server=localhost;User ID=kedro;Password=pw", "postgresql")]
    [InlineData("Data Source=data/warehouse.duckdb", "duckdb")]
    [InlineData("Data Source=data/shuttles.db", "sqlite")]
    public void AdoConnectionStrings_InferTheEngineWhenUnambiguous(string con, string engine)
    {
        Assert.Equal(engine, Parse(con).Engine.Key);
    }

    [Fact]
    public void AdoConnectionString_EngineKeyDecides_AndIsNeededWhenAmbiguous()
    {
        Assert.Same(DuckDbEngine.Instance, Parse("Data Source=data/warehouse.db", "duckdb").Engine);
        var error = Assert.Throws<ArgumentException>(() => Parse("Database=db;Port=5432"));
        Assert.Contains("cannot tell the database engine from the connection string. Add 'engine' to the credentials", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AdoConnectionString_Password_IsRedactedInDisplay()
    {
        var info = Parse("Host=localhost;Username=kedro;Password=hunter2;Database=db");

        Assert.DoesNotContain("hunter2", info.Display, StringComparison.Ordinal);
        Assert.Contains("***", info.Display, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=localhost;Username=kedro;PSW=hunter2-psw;Database=db")]
    [InlineData("Host=localhost;Username=kedro;PWD=hunter2-psw;Database=db")]
    [InlineData("Host=localhost;Username=kedro;password=hunter2-psw;Database=db")]
    [InlineData("Host=localhost;Username=kedro;Password=pw;SSL Password=hunter2-psw;Database=db")]
    [InlineData("Host=localhost;Username=kedro;Password=pw;SslPassword=hunter2-psw;Database=db")]
    public void AdoConnectionString_PostgresPasswordUnderAnyKey_IsRedactedAndScrubbed(string con)
    {
        var info = Parse(con);

        Assert.IsType<PostgresEngine>(info.Engine);
        Assert.DoesNotContain("hunter2-psw", info.Display, StringComparison.Ordinal);
        Assert.Contains("***", info.Display, StringComparison.Ordinal);
        Assert.Equal("failed for ***", info.Scrub("failed for hunter2-psw"));
        Assert.Equal(con, info.ConnectionString);
    }

    [Fact]
    public void AdoConnectionString_SqlitePassword_IsRedacted()
    {
        var info = Parse("Data Source=data/secret.db;Pwd=hunter2-sqlite", "sqlite");

        Assert.DoesNotContain("hunter2-sqlite", info.Display, StringComparison.Ordinal);
        Assert.Equal("***", info.Scrub("hunter2-sqlite"));
    }

    [Fact]
    public void ShortPassword_IsNotReplacedWithinMessages()
    {
        var info = Parse("postgresql://kedro:e@db.example:5432/analytics");

        Assert.True(info.HasShortPassword);
        Assert.False(Parse("postgresql://kedro:long-enough@db.example:5432/analytics").HasShortPassword);
    }

    [Theory]
    [InlineData("sqlite://")]
    [InlineData("sqlite:///:memory:")]
    [InlineData("duckdb:///:memory:")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory")]
    public void InMemoryDatabases_AreRefused(string con)
    {
        var error = Assert.Throws<ArgumentException>(() => Parse(con));

        Assert.Contains("cannot use the in-memory database", error.Message, StringComparison.Ordinal);
        Assert.Contains("each load and save opens its own connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileUrlWithoutItsThirdSlash_IsRefusedSayingHowRelativePathsResolve()
    {
        var error = Assert.Throws<ArgumentException>(() => Parse("sqlite://data/shuttles.db"));

        Assert.Equal(
            "'SqlTableDataset' has the connection URL 'sqlite://data/shuttles.db', which names no database file. Write sqlite:///relative/path "
            + "(relative to the project folder in a project, to the current folder for a dataset created in code) or sqlite:////absolute/path.",
            error.Message);
    }

    [Fact]
    public void MissingCon_GivesKedrosMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => SqlConnectionInfo.From(Map(), "SqlTableDataset"));

        Assert.StartsWith("'con' argument cannot be empty. Please provide a connection string in the credentials' 'con':", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherCredentialKeysAndUnknownSchemes_AreRefused()
    {
        Assert.Contains("does not take the credential 'user'",
            Assert.Throws<ArgumentException>(() => SqlConnectionInfo.From(Map(("con", "sqlite:///a.db"), ("user", "x")), "SqlTableDataset")).Message, StringComparison.Ordinal);
        Assert.Contains("cannot connect to a 'mysql://' database",
            Assert.Throws<ArgumentException>(() => Parse("mysql://u:p@h/db")).Message, StringComparison.Ordinal);
        Assert.Contains("engine 'sqlite' but a 'duckdb://' connection URL",
            Assert.Throws<ArgumentException>(() => Parse("duckdb:///a.duckdb", "sqlite")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativeSqlitePath_ResolvesAgainstTheCurrentFolderAtEachSave()
    {
        using var folder = new TempFolder("kedro-sql-cwd");
        var previous = Environment.CurrentDirectory;
        var dataset = new SqlTableDataset("t", Map(("con", "sqlite:///data/rel.db")));
        try
        {
            Environment.CurrentDirectory = folder.Path;
            dataset.Save(Support.Rows.Shuttles("a"));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.True(folder.Exists("data/rel.db"));
    }
}

using System.Globalization;
using Kedro.Testing.Postgres;
using Npgsql;

namespace Kedro.Datasets.Sql.Tests.Testing;

/// <summary>The tests' shared PostgreSQL server (Kedro.Testing's <see cref="PostgresServer"/>), which these tests use.</summary>
public sealed class PostgresServerTests
{
    private static readonly string? ExternalUrl = Environment.GetEnvironmentVariable(PostgresServer.UrlVariable) is { Length: > 0 } url ? url : null;

    [Fact]
    public void Shared_FromManyThreadsAtOnce_IsOneServer()
    {
        var servers = new PostgresServer[8];
        Parallel.For(0, servers.Length, i => servers[i] = PostgresServer.Shared);

        Assert.All(servers, s => Assert.Same(PostgresServer.Shared, s));
    }

    [Fact]
    public void CreateDatabase_GivesAFreshEmptyDatabaseWithAUniqueNameAndItsUrl()
    {
        var server = PostgresServer.Shared;

        var first = server.CreateDatabase();
        var second = server.CreateDatabase();

        var prefix = $"postgresql://{Uri.EscapeDataString(server.User)}:{Uri.EscapeDataString(server.Password)}@{server.Host}:{server.Port}/";
        Assert.StartsWith(prefix, first, StringComparison.Ordinal);
        Assert.StartsWith(prefix, second, StringComparison.Ordinal);
        var name = first[prefix.Length..];
        Assert.NotEqual(name, second[prefix.Length..]);
        using var connection = new NpgsqlConnection(server.ConnectionString(name));
        connection.Open();
        Assert.Equal(name, Scalar(connection, "SELECT current_database()"));
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public void CreateDatabase_UrlWorksWithSqlTableDataset()
    {
        var con = PostgresServer.Shared.CreateDatabase();
        var dataset = new SqlTableDataset("numbers", new Dictionary<string, object?> { ["con"] = con });

        dataset.Save(new List<Dictionary<string, object?>> { new() { ["n"] = 1L }, new() { ["n"] = 2L } });

        Assert.True(dataset.Exists());
    }

    [Fact]
    public void ConnectionString_WithAWrongPassword_IsRefusedByTheServer()
    {
        var server = PostgresServer.Shared;
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres")) { Password = server.Password + "x" };

        using var connection = new NpgsqlConnection(builder.ConnectionString);
        var error = Assert.Throws<PostgresException>(connection.Open);

        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }

    [Fact]
    public void Shared_WithoutAUrl_IsAThrowawayClusterOnLoopbackOnly_WatchedForTheTestProcessEnd()
    {
        var server = PostgresServer.Shared;
        if (ExternalUrl is not null)
        {
            // A server of someone else's: the URL's server is the one used.
            Assert.Contains($"@{server.Host}:{server.Port.ToString(CultureInfo.InvariantCulture)}", ExternalUrl, StringComparison.Ordinal);
            return;
        }

        Assert.Equal("127.0.0.1", server.Host);
        using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        connection.Open();
        Assert.Equal("127.0.0.1", Scalar(connection, "SELECT current_setting('listen_addresses')"));
        var folder = Path.GetDirectoryName((string)Scalar(connection, "SELECT current_setting('data_directory')")!)!;
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "kedro-postgres-"), folder, StringComparison.Ordinal);
        Assert.Equal(folder, Scalar(connection, "SELECT current_setting('unix_socket_directories')"));

        // The watchdog that stops the server and deletes its folder once this process is gone.
        var watchdogs = Directory.EnumerateDirectories("/proc")
            .Select(d => Path.Combine(d, "cmdline"))
            .Select(f => File.Exists(f) ? ReadOrEmpty(f) : "")
            .Where(c => c.Contains("kedro-postgres-watchdog", StringComparison.Ordinal));
        Assert.Contains(watchdogs, c => c.EndsWith($"kedro-postgres-watchdog\0{Environment.ProcessId}\0{folder}\0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://kedro:s3cret-pw@db.example:5433/analytics")]
    [InlineData("postgresql://kedro:s3cret-pw@db.example:5433")]
    public void FromUrl_NotAPostgresUrl_ShowsTheUrlWithoutItsPassword(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresServer.FromUrl(url.Replace("postgresql", "mysql", StringComparison.Ordinal)));

        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
        Assert.Contains("kedro:***@db.example:5433", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_KeepsSchemeHostPortDatabaseAndUser()
    {
        Assert.Equal("postgresql://kedro:***@db.example:5433/analytics",
            PostgresServer.Redact("postgresql://kedro:s3cret@db.example:5433/analytics?sslmode=require"));
        Assert.Equal("postgresql://kedro@db.example/analytics", PostgresServer.Redact("postgresql://kedro@db.example/analytics"));
        Assert.DoesNotContain("s3cret", PostgresServer.Redact("not a url kedro:s3cret@host"), StringComparison.Ordinal);
    }

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private static string ReadOrEmpty(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}

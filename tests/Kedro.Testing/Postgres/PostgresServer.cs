using System.Globalization;
using Npgsql;

namespace Kedro.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests of one test process share. <see cref="Shared"/> starts it on first use: the server
/// named by the environment variable <c>KEDRO_TEST_POSTGRES_URL</c> when it is set, otherwise a throwaway cluster in a
/// fresh temporary folder on a free port of 127.0.0.1 (installing Debian's <c>postgresql</c> package when its
/// programs are missing). The throwaway cluster is stopped and its folder deleted when the process exits, also when
/// tests fail or the process is killed. Each test takes its own database from <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>The environment variable that names a server to use instead of a throwaway cluster.</summary>
    public const string UrlVariable = "KEDRO_TEST_POSTGRES_URL";

    private static readonly Lazy<PostgresServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _maintenanceDatabase;
    private readonly List<string> _databasesToDrop = [];

    private PostgresServer(string host, int port, string user, string password, string maintenanceDatabase)
    {
        Host = host;
        Port = port;
        User = user;
        Password = password;
        _maintenanceDatabase = maintenanceDatabase;
    }

    /// <summary>The server of this test process, started (thread-safely) on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>The server's host: "127.0.0.1" for the throwaway cluster.</summary>
    public string Host { get; }

    /// <summary>The server's TCP port.</summary>
    public int Port { get; }

    /// <summary>A user that may create databases (the superuser of the throwaway cluster).</summary>
    public string User { get; }

    /// <summary>The password of <see cref="User"/> (random for the throwaway cluster; TCP logins need it).</summary>
    public string Password { get; }

    /// <summary>
    /// Creates a fresh, empty database with a unique name and returns its URL,
    /// <c>postgresql://User:Password@Host:Port/name</c>.
    /// </summary>
    public string CreateDatabase()
    {
        var name = CreateDatabaseNamed();
        return "postgresql://" + Uri.EscapeDataString(User) + ":" + Uri.EscapeDataString(Password) + "@" + Host + ":" + Port + "/" + name;
    }

    /// <summary>Creates a fresh, empty database with a unique name and returns its Npgsql (ADO.NET) connection string.</summary>
    public string CreateDatabaseConnectionString() => ConnectionString(CreateDatabaseNamed());

    private string CreateDatabaseNamed()
    {
        var name = "kedro_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString(_maintenanceDatabase)))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE DATABASE \"" + name + "\"";
            command.ExecuteNonQuery();
        }

        lock (_databasesToDrop)
        {
            _databasesToDrop.Add(name);
        }

        return name;
    }

    /// <summary>The Npgsql (ADO.NET) connection string of <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = User,
        Password = Password,
        Database = database,
    }.ConnectionString;

    private static PostgresServer Start()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        if (!string.IsNullOrWhiteSpace(url))
        {
            var external = FromUrl(url);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => external.DropCreatedDatabases();
            return external;
        }

        var cluster = LocalCluster.Start();
        return new PostgresServer("127.0.0.1", cluster.Port, cluster.User, cluster.Password, "postgres");
    }

    /// <summary>
    /// The server that <paramref name="url"/> (postgresql://user:password@host:port/database) names; the error for a URL
    /// that is not one shows it with its password as <c>***</c>.
    /// </summary>
    public static PostgresServer FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "postgresql" && uri.Scheme != "postgres"))
        {
            throw new InvalidOperationException(
                $"{UrlVariable} is '{Redact(url)}', which is not a PostgreSQL URL: expected postgresql://user:password@host:port/database " +
                "of a server whose user may create databases. Unset it to let the tests start their own server.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var user = Uri.UnescapeDataString(userInfo[0]);
        if (user.Length == 0)
        {
            throw new InvalidOperationException(
                $"{UrlVariable} names no user: expected postgresql://user:password@host:port/database, e.g. postgresql://postgres:secret@127.0.0.1:5432/postgres.");
        }

        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "";
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new PostgresServer(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port, user, password, database.Length == 0 ? "postgres" : database);
    }

    /// <summary>
    /// <paramref name="url"/> with only its scheme, host, port, database and user, the password shown as <c>***</c>; text that
    /// is no URL keeps only what precedes a <c>:password@</c>.
    /// </summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var userInfo = uri.UserInfo.Split(':', 2);
            var credentials = uri.UserInfo.Length == 0 ? "" : userInfo[0] + (userInfo.Length > 1 ? ":***" : "") + "@";
            var port = uri.IsDefaultPort || uri.Port < 0 ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
            return $"{uri.Scheme}://{credentials}{uri.Host}{port}{uri.AbsolutePath}";
        }

        var at = url.LastIndexOf('@');
        if (at < 0)
        {
            return url.Length == 0 ? url : "***";
        }

        var start = url.IndexOf("://", StringComparison.Ordinal);
        var userStart = start < 0 ? 0 : start + 3;
        var colon = url.IndexOf(':', userStart);
        return colon >= 0 && colon < at ? url[..colon] + ":***" + url[at..] : url;
    }

    // A server of someone else's keeps nothing of the tests once they exit normally.
    private void DropCreatedDatabases()
    {
        string[] names;
        lock (_databasesToDrop)
        {
            names = [.. _databasesToDrop];
        }

        if (names.Length == 0)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(ConnectionString(_maintenanceDatabase));
            connection.Open();
            foreach (var name in names)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)";
                command.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException)
        {
        }
    }
}

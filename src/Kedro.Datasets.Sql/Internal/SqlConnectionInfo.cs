using System.Data.Common;
using System.Globalization;
using Kedro.Datasets.Sql.Engines;
using Npgsql;

namespace Kedro.Datasets.Sql.Internal;

/// <summary>
/// A dataset's <c>credentials</c> read once: the engine, the provider's connection string and the same connection with
/// its password as <c>***</c> for messages and <c>Describe()</c>.
/// </summary>
internal sealed class SqlConnectionInfo
{
    private const string Redacted = "***";
    private static readonly string[] CredentialKeys = ["con", "engine"];

    // The keys that Npgsql, Microsoft.Data.Sqlite and DuckDB.NET read as a password (key names are case-insensitive).
    private static readonly string[] PasswordKeys = ["Password", "Pwd", "PSW", "SSL Password", "SslPassword"];

    /// <summary>Below this length a password is not replaced within messages: the provider's message is left out instead.</summary>
    private const int ShortestScrubbed = 4;

    private readonly string[] _passwords;

    private SqlConnectionInfo(SqlEngine engine, string connectionString, string display, string? password, string? filePath)
        : this(engine, connectionString, display, [password], filePath)
    {
    }

    private SqlConnectionInfo(SqlEngine engine, string connectionString, string display, IEnumerable<string?> passwords, string? filePath)
    {
        Engine = engine;
        ConnectionString = connectionString;
        Display = display;
        _passwords = [.. passwords.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length)];
        FilePath = filePath;
    }

    /// <summary>The database engine.</summary>
    public SqlEngine Engine { get; }

    /// <summary>The provider's connection string (with the password; never shown).</summary>
    public string ConnectionString { get; }

    /// <summary>The connection as configured, with the password replaced by <c>***</c>.</summary>
    public string Display { get; }

    /// <summary>The database file of SQLite and DuckDB as configured (a relative path resolves against the current folder when opened; a project makes catalog paths absolute against the project folder first).</summary>
    public string? FilePath { get; }

    /// <summary>Whether a password is so short that replacing it within messages would mangle them.</summary>
    public bool HasShortPassword => _passwords.Any(p => p.Length < ShortestScrubbed);

    /// <summary>Replaces the passwords wherever they occur in <paramref name="text"/> (a provider's message).</summary>
    public string Scrub(string text)
    {
        foreach (var password in _passwords)
        {
            text = text.Replace(password, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Whether <paramref name="text"/> holds a password.</summary>
    public bool Reveals(string? text) => text is not null && _passwords.Any(p => text.Contains(p, StringComparison.Ordinal));

    /// <summary>Reads Kedro's <c>credentials</c> mapping: <c>con</c> (a URL or an ADO.NET connection string) and optionally <c>engine</c>.</summary>
    public static SqlConnectionInfo From(IReadOnlyDictionary<string, object?>? credentials, string typeName)
    {
        if (credentials is not null)
        {
            foreach (var key in credentials.Keys)
            {
                if (Array.IndexOf(CredentialKeys, key) < 0)
                {
                    throw SqlErrors.UnknownCredential(typeName, key);
                }
            }
        }

        var con = credentials is not null && credentials.TryGetValue("con", out var value) ? value as string : null;
        if (string.IsNullOrWhiteSpace(con))
        {
            throw SqlErrors.ConMissing();
        }

        var engineName = credentials!.TryGetValue("engine", out var engineValue) && engineValue is not null
            ? Convert.ToString(engineValue, CultureInfo.InvariantCulture)
            : null;
        SqlEngine? named = engineName is null ? null : SqlEngine.Named(engineName) ?? throw SqlErrors.UnknownEngine(typeName, engineName);
        var scheme = con.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0 && !con[..scheme].Contains('=', StringComparison.Ordinal)
            ? FromUrl(con, con[..scheme], con[(scheme + 3)..], named, typeName)
            : FromConnectionString(con, named, typeName);
    }

    private static SqlConnectionInfo FromUrl(string url, string scheme, string rest, SqlEngine? named, string typeName)
    {
        var lower = scheme.ToLowerInvariant();
        var plus = lower.IndexOf('+', StringComparison.Ordinal);
        var dialect = plus < 0 ? lower : lower[..plus];
        SqlEngine engine = dialect switch
        {
            "sqlite" => SqliteEngine.Instance,
            "duckdb" => DuckDbEngine.Instance,
            "postgresql" or "postgres" => PostgresEngine.Instance,
            _ => throw SqlErrors.UnknownScheme(typeName, scheme),
        };
        if (named is not null && named != engine)
        {
            throw SqlErrors.EngineConflict(typeName, named.Key, scheme);
        }

        if (engine is PostgresEngine)
        {
            var (connectionString, display, password) = PostgresEngine.FromUrl(scheme, rest, typeName);
            return new SqlConnectionInfo(engine, connectionString, display, password, null);
        }

        // sqlite:///relative.db, sqlite:////absolute.db; the same for duckdb.
        if (rest.Length == 0 || !rest.StartsWith('/'))
        {
            throw rest.Length == 0 || rest == ":memory:" ? SqlErrors.InMemory(typeName, url) : SqlErrors.FileUrlForm(typeName, url, dialect);
        }

        var path = rest[1..];
        if (path.Contains('?', StringComparison.Ordinal))
        {
            throw SqlErrors.FileUrlOptions(typeName, url);
        }

        path = Uri.UnescapeDataString(path);
        if (path.Length == 0 || path == ":memory:")
        {
            throw SqlErrors.InMemory(typeName, url);
        }

        return new SqlConnectionInfo(engine, engine.FileConnectionString(path), url, (string?)null, path);
    }

    private static SqlConnectionInfo FromConnectionString(string con, SqlEngine? named, string typeName)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = con;
        }
        catch (ArgumentException)
        {
            throw SqlErrors.BadConnectionString(typeName);
        }

        string? Find(params string[] keys)
        {
            foreach (var key in keys)
            {
                if (builder.TryGetValue(key, out var value) && value is not null && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
                {
                    return text;
                }
            }

            return null;
        }

        var dataSource = Find("Data Source", "DataSource", "Filename");
        var engine = named;
        if (engine is null)
        {
            if (Find("Host", "Server") is not null && Find("Username", "User ID", "User Name", "UserID", "User") is not null)
            {
                engine = PostgresEngine.Instance;
            }
            else if (dataSource is not null && Find("Host", "Server") is null)
            {
                engine = dataSource.EndsWith(".duckdb", StringComparison.OrdinalIgnoreCase) || dataSource.EndsWith(".ddb", StringComparison.OrdinalIgnoreCase)
                    ? DuckDbEngine.Instance
                    : SqliteEngine.Instance;
            }
            else
            {
                throw SqlErrors.EngineUnknown(typeName);
            }
        }

        if (engine is PostgresEngine)
        {
            return FromNpgsqlConnectionString(con, typeName);
        }

        var passwords = new List<string?>();
        foreach (var key in PasswordKeys)
        {
            passwords.Add(Find(key));
            if (builder.ContainsKey(key))
            {
                builder[key] = Redacted;
            }
        }

        var display = builder.ConnectionString;
        if (engine is not PostgresEngine)
        {
            if (dataSource is null || dataSource == ":memory:" || string.Equals(Find("Mode"), "Memory", StringComparison.OrdinalIgnoreCase))
            {
                throw SqlErrors.InMemory(typeName, display);
            }
        }

        return new SqlConnectionInfo(engine, engine.AdoConnectionString(con), display, passwords, dataSource);
    }

    // Npgsql reads its password and its client certificate's password under several keys (Password, PSW, PWD, SSL Password):
    // its own builder finds them whatever the spelling.
    private static SqlConnectionInfo FromNpgsqlConnectionString(string con, string typeName)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(con);
        }
        catch (ArgumentException)
        {
            throw SqlErrors.BadConnectionString(typeName);
        }

        string?[] passwords = [builder.Password, builder.SslPassword];
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = Redacted;
        }

        if (!string.IsNullOrEmpty(builder.SslPassword))
        {
            builder.SslPassword = Redacted;
        }

        return new SqlConnectionInfo(PostgresEngine.Instance, PostgresEngine.Instance.AdoConnectionString(con), builder.ConnectionString, passwords, null);
    }
}

using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using Apache.Arrow;
using Apache.Arrow.Types;
using Kedro.Datasets.Sql.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Kedro.Datasets.Sql.Engines;

/// <summary>
/// PostgreSQL through Npgsql. A bulk insert is a binary COPY inside the save's transaction; PostgreSQL has no unsigned or
/// one-byte integers, so those are stored in the next wider signed type (a 64-bit unsigned value above the largest
/// <c>bigint</c> is refused).
/// </summary>
internal sealed class PostgresEngine : SqlEngine
{
    public static readonly PostgresEngine Instance = new();

    private static readonly Dictionary<string, Action<NpgsqlConnectionStringBuilder, string>> UrlOptions = new(StringComparer.Ordinal)
    {
        ["sslmode"] = static (b, v) => b.SslMode = Enum.Parse<SslMode>(v.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true),
        ["connect_timeout"] = static (b, v) => b.Timeout = int.Parse(v, CultureInfo.InvariantCulture),
        ["application_name"] = static (b, v) => b.ApplicationName = v,
        ["sslrootcert"] = static (b, v) => b.RootCertificate = v,
        ["sslcert"] = static (b, v) => b.SslCertificate = v,
        ["sslkey"] = static (b, v) => b.SslKey = v,
        ["target_session_attrs"] = static (b, v) => b.TargetSessionAttributes = v,
        ["options"] = static (b, v) => b.Options = v,
    };

    private PostgresEngine()
    {
    }

    public override string Key => "postgresql";

    public override string Name => "PostgreSQL";

    public override string DefaultSchema => "public";

    public override string FileConnectionString(string path) => throw new NotSupportedException();

    /// <summary>Reads <c>postgresql://user:password@host:port/database?option=value</c> into Npgsql's connection string.</summary>
    public static (string ConnectionString, string Display, string? Password) FromUrl(string scheme, string rest, string typeName)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        string? password = null;
        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }

        var display = scheme + "://" + (at < 0 ? string.Empty : Uri.EscapeDataString(user!) + (password is null ? string.Empty : ":***") + "@") + rest;
        string? query = null;
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? null : Uri.UnescapeDataString(rest[(slash + 1)..]);
        string host;
        int? port = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? throw SqlErrors.BadUrl(typeName, display, "has an unclosed '[' in its host") : hostPort[1..close];
            hostPort = hostPort[(close + 1)..];
            if (hostPort.StartsWith(':'))
            {
                port = ParsePort(hostPort[1..], typeName, display);
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            if (colon >= 0)
            {
                port = ParsePort(hostPort[(colon + 1)..], typeName, display);
            }
        }

        builder.Host = host.Length == 0 ? "localhost" : Uri.UnescapeDataString(host);
        if (port is not null)
        {
            builder.Port = port.Value;
        }

        if (user is not null)
        {
            builder.Username = user;
        }

        if (password is not null)
        {
            builder.Password = password;
        }

        if (!string.IsNullOrEmpty(database))
        {
            builder.Database = database;
        }

        foreach (var pair in (query ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            if (!UrlOptions.TryGetValue(key, out var apply))
            {
                throw SqlErrors.UrlOption(typeName, key, string.Join(", ", UrlOptions.Keys.Select(k => $"'{k}'")));
            }

            try
            {
                apply(builder, value);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw SqlErrors.BadUrl(typeName, display, $"has '{key}={value}', which is not a valid value");
            }
        }

        return (builder.ConnectionString, display, password);
    }

    private static int ParsePort(string text, string typeName, string display) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw SqlErrors.BadUrl(typeName, display, $"has the port '{text}', which is not a number from 1 to 65535");

    public override DbConnection Open(SqlConnectionInfo info, CancellationToken cancellationToken) =>
        OpenOrDispose(new NpgsqlConnection(info.ConnectionString));

    public override string DescribeOpenFailure(SqlConnectionInfo info, Exception exception)
    {
        if (exception is PostgresException postgres)
        {
            return postgres.SqlState == PostgresErrorCodes.InvalidPassword
                ? postgres.MessageText + " (check the user name and password in the credentials)"
                : postgres.MessageText;
        }

        var builder = new NpgsqlConnectionStringBuilder(info.ConnectionString);
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException or TimeoutException)
            {
                return string.Create(CultureInfo.InvariantCulture, $"the server at {builder.Host}:{builder.Port} could not be reached ({inner.Message})");
            }
        }

        return SqlErrors.Message(exception);
    }

    public override IReadOnlyList<string>? TableColumns(SqlSession session, string? schema, string table)
    {
        var sql = "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            + (schema is null ? "current_schema()" : "@schema") + " AND table_name = @table ORDER BY ordinal_position";
        return ColumnNames(session, sql, schema is null ? [("table", table)] : [("schema", schema), ("table", table)]);
    }

    public override string ColumnType(SqlColumnKind kind, IArrowType type) => kind switch
    {
        SqlColumnKind.Int8 or SqlColumnKind.Int16 or SqlColumnKind.UInt8 => "smallint",
        SqlColumnKind.Int32 or SqlColumnKind.UInt16 => "integer",
        SqlColumnKind.Int64 or SqlColumnKind.UInt32 or SqlColumnKind.UInt64 => "bigint",
        SqlColumnKind.Float => "real",
        SqlColumnKind.Double => "double precision",
        SqlColumnKind.Boolean => "boolean",
        SqlColumnKind.String => "text",
        SqlColumnKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"numeric(38,{((Decimal128Type)type).Scale})"),
        SqlColumnKind.Date => "date",
        SqlColumnKind.Timestamp => "timestamp",
        SqlColumnKind.TimestampUtc => "timestamptz",
        _ => "bytea",
    };

    private static NpgsqlDbType DbType(SqlColumnKind kind) => kind switch
    {
        SqlColumnKind.Int8 or SqlColumnKind.Int16 or SqlColumnKind.UInt8 => NpgsqlDbType.Smallint,
        SqlColumnKind.Int32 or SqlColumnKind.UInt16 => NpgsqlDbType.Integer,
        SqlColumnKind.Int64 or SqlColumnKind.UInt32 or SqlColumnKind.UInt64 => NpgsqlDbType.Bigint,
        SqlColumnKind.Float => NpgsqlDbType.Real,
        SqlColumnKind.Double => NpgsqlDbType.Double,
        SqlColumnKind.Boolean => NpgsqlDbType.Boolean,
        SqlColumnKind.String => NpgsqlDbType.Text,
        SqlColumnKind.Decimal => NpgsqlDbType.Numeric,
        SqlColumnKind.Date => NpgsqlDbType.Date,
        SqlColumnKind.Timestamp => NpgsqlDbType.Timestamp,
        SqlColumnKind.TimestampUtc => NpgsqlDbType.TimestampTz,
        _ => NpgsqlDbType.Bytea,
    };

    public override void Insert(SqlSession session, string? schema, string table, RecordBatch batch, IReadOnlyList<string> tableColumns, CancellationToken cancellationToken)
    {
        var kinds = SqlColumns.KindsOf(batch, Name);
        var names = batch.Schema.FieldsList.Select(f => Quote(f.Name));
        var sql = $"COPY {Qualified(schema, table)} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)";
        var getters = new Func<int, object?>[batch.ColumnCount];
        var types = new NpgsqlDbType[batch.ColumnCount];
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            getters[c] = SqlColumns.Values(batch.Column(c), batch.Schema.GetFieldByIndex(c).Name);
            types[c] = DbType(kinds[c]);
        }

        var typed = new Action<NpgsqlBinaryImporter, int>?[batch.ColumnCount];
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            typed[c] = TypedWriter(batch.Column(c), batch.Schema.GetFieldByIndex(c).Name, types[c]);
        }

        session.Run(sql, () =>
        {
            using var writer = ((NpgsqlConnection)session.Connection).BeginBinaryImport(sql);
            for (var row = 0; row < batch.Length; row++)
            {
                if ((row & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                writer.StartRow();
                for (var c = 0; c < getters.Length; c++)
                {
                    if (typed[c] is { } write)
                    {
                        write(writer, row);
                        continue;
                    }

                    var value = getters[c](row);
                    switch (value)
                    {
                        case null: writer.WriteNull(); break;
                        case sbyte v: writer.Write((short)v, types[c]); break;
                        case byte v: writer.Write((short)v, types[c]); break;
                        case ushort v: writer.Write((int)v, types[c]); break;
                        case uint v: writer.Write((long)v, types[c]); break;
                        case ulong v when v > long.MaxValue: throw SqlErrors.OutOfRange(Name, batch.Schema.GetFieldByIndex(c).Name, row, v, "bigint");
                        case ulong v: writer.Write((long)v, types[c]); break;
                        default: writer.Write(value, types[c]); break;
                    }
                }
            }

            writer.Complete();
        });
    }

    // Writes a column's value without boxing it (Npgsql resolves a boxed value's type on every call); null for a column
    // the object path writes. Timestamps keep the object path's checks (no finer than a microsecond, in range).
    private static Action<NpgsqlBinaryImporter, int>? TypedWriter(IArrowArray array, string column, NpgsqlDbType type)
    {
        switch (array)
        {
            case Int64Array a: return (w, i) => { if (a.IsNull(i)) { w.WriteNull(); } else { w.Write(a.Values[i], type); } };
            case Int32Array a: return (w, i) => { if (a.IsNull(i)) { w.WriteNull(); } else { w.Write(a.Values[i], type); } };
            case Int16Array a: return (w, i) => { if (a.IsNull(i)) { w.WriteNull(); } else { w.Write(a.Values[i], type); } };
            case DoubleArray a: return (w, i) => { if (a.IsNull(i)) { w.WriteNull(); } else { w.Write(a.Values[i], type); } };
            case FloatArray a: return (w, i) => { if (a.IsNull(i)) { w.WriteNull(); } else { w.Write(a.Values[i], type); } };
            case BooleanArray a: return (w, i) => { if (a.GetValue(i) is { } v) { w.Write(v, type); } else { w.WriteNull(); } };
            case StringArray a: return (w, i) => { if (a.IsNull(i)) { w.WriteNull(); } else { w.Write(a.GetString(i), type); } };
            case TimestampArray a:
                var unit = ((TimestampType)a.Data.DataType).Unit;
                var kind = string.IsNullOrEmpty(((TimestampType)a.Data.DataType).Timezone) ? DateTimeKind.Unspecified : DateTimeKind.Utc;
                return (w, i) => { if (a.IsNull(i)) { w.WriteNull(); } else { w.Write(SqlColumns.Microseconds(a.Values[i], unit, column, i, kind), type); } };
            default: return null;
        }
    }

    public override IReadOnlyList<SqlResultColumn> Columns(SqlSession session, DbDataReader reader)
    {
        var schema = ((NpgsqlDataReader)reader).GetColumnSchema();
        var columns = new List<SqlResultColumn>(reader.FieldCount);
        for (var c = 0; c < reader.FieldCount; c++)
        {
            var name = reader.GetName(c);
            var typeName = reader.GetDataTypeName(c);
            var type = reader.GetFieldType(c);
            Func<DbDataReader, int, object> read = static (r, i) => r.GetValue(i);
            SqlColumnKind kind;
            if (typeName == "date")
            {
                kind = SqlColumnKind.Date;
                read = static (r, i) => r.GetFieldValue<DateOnly>(i);
            }
            else if (typeName.StartsWith("timestamp with time zone", StringComparison.Ordinal))
            {
                kind = SqlColumnKind.TimestampUtc;
            }
            else if (typeName.StartsWith("timestamp", StringComparison.Ordinal))
            {
                kind = SqlColumnKind.Timestamp;
            }
            else if (SqlColumns.KindOfClrType(type) is { } common)
            {
                kind = common;
            }
            else if (type == typeof(byte[]))
            {
                kind = SqlColumnKind.Binary;
            }
            else if (type == typeof(Guid))
            {
                kind = SqlColumnKind.String;
                read = static (r, i) => r.GetGuid(i).ToString();
            }
            else
            {
                throw SqlErrors.UnsupportedResultType(Name, name, typeName);
            }

            int? scale = kind == SqlColumnKind.Decimal && schema[c].NumericScale is int s && schema[c].NumericPrecision is > 0 ? s : null;
            columns.Add(new SqlResultColumn(name, kind, scale, read, typeName));
        }

        return columns;
    }

    public override string Placeholder(string name) => "@" + name;
}

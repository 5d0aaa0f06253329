using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using DuckDB.NET.Data;
using Kedro.Datasets.Sql.Internal;

namespace Kedro.Datasets.Sql.Engines;

/// <summary>
/// DuckDB through DuckDB.NET. A database file can be open for writing in one process only: a connection is opened for
/// each load and save and closed after it, and a file another process holds is retried for a bounded time. Connections of
/// one process share the database, so threads of one run can load and save concurrently. A bulk insert is DuckDB's
/// appender, which takes part in the save's transaction.
/// </summary>
internal sealed class DuckDbEngine : SqlEngine
{
    public static readonly DuckDbEngine Instance = new();

    /// <summary>How long a load or save waits for a file another process holds.</summary>
    internal static TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

    private DuckDbEngine()
    {
    }

    public override string Key => "duckdb";

    public override string Name => "DuckDB";

    public override string DefaultSchema => "main";

    public override string FileConnectionString(string path) => "Data Source=" + path;

    public override DbConnection Open(SqlConnectionInfo info, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var connection = new DuckDBConnection(info.ConnectionString);
            try
            {
                connection.Open();
                return connection;
            }
            catch (DuckDBException e) when (IsLocked(e))
            {
                connection.Dispose();
                if (started.Elapsed >= LockWait)
                {
                    throw SqlErrors.DuckDbLocked(info, info.FilePath ?? info.Display, started.Elapsed, e);
                }

                cancellationToken.WaitHandle.WaitOne(delay);
                cancellationToken.ThrowIfCancellationRequested();
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
    }

    private static bool IsLocked(DuckDBException e) =>
        e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase);

    public override string DescribeOpenFailure(SqlConnectionInfo info, Exception exception) => SqlErrors.Message(exception);

    public override IReadOnlyList<string>? TableColumns(SqlSession session, string? schema, string table)
    {
        const string Sql = "SELECT column_name FROM information_schema.columns WHERE table_schema = $schema AND table_name = $table ORDER BY ordinal_position";
        return ColumnNames(session, Sql, [("schema", schema ?? DefaultSchema), ("table", table)]);
    }

    public override string ColumnType(SqlColumnKind kind, IArrowType type) => kind switch
    {
        SqlColumnKind.Int8 => "TINYINT",
        SqlColumnKind.Int16 => "SMALLINT",
        SqlColumnKind.Int32 => "INTEGER",
        SqlColumnKind.Int64 => "BIGINT",
        SqlColumnKind.UInt8 => "UTINYINT",
        SqlColumnKind.UInt16 => "USMALLINT",
        SqlColumnKind.UInt32 => "UINTEGER",
        SqlColumnKind.UInt64 => "UBIGINT",
        SqlColumnKind.Float => "FLOAT",
        SqlColumnKind.Double => "DOUBLE",
        SqlColumnKind.Boolean => "BOOLEAN",
        SqlColumnKind.String => "VARCHAR",
        SqlColumnKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL(38,{((Decimal128Type)type).Scale})"),
        SqlColumnKind.Date => "DATE",
        SqlColumnKind.Timestamp => "TIMESTAMP",
        SqlColumnKind.TimestampUtc => "TIMESTAMPTZ",
        _ => "BLOB",
    };

    public override void Insert(SqlSession session, string? schema, string table, RecordBatch batch, IReadOnlyList<string> tableColumns, CancellationToken cancellationToken)
    {
        var kinds = SqlColumns.KindsOf(batch, Name);
        // The appender fills every column of the table in its order: a table column the data lacks gets nulls.
        var sources = new int[tableColumns.Count];
        var appends = new Func<IDuckDBAppenderRow, int, IDuckDBAppenderRow>[tableColumns.Count];
        for (var t = 0; t < tableColumns.Count; t++)
        {
            sources[t] = batch.Schema.GetFieldIndex(tableColumns[t]);
            appends[t] = sources[t] < 0
                ? static (r, _) => r.AppendNullValue()
                : TypedAppend(batch.Column(sources[t]), tableColumns[t]) ?? ObjectAppend(SqlColumns.Values(batch.Column(sources[t]), tableColumns[t]), kinds[sources[t]]);
        }

        var statement = "APPEND INTO " + Qualified(schema, table);
        session.Run(statement, () =>
        {
            var connection = (DuckDBConnection)session.Connection;
            using var appender = schema is null ? connection.CreateAppender(table) : connection.CreateAppender(schema, table);
            for (var row = 0; row < batch.Length; row++)
            {
                if ((row & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var appending = appender.CreateRow();
                for (var t = 0; t < appends.Length; t++)
                {
                    appending = appends[t](appending, row);
                }

                appending.EndRow();
            }

            appender.Close();
        });
    }

    // Appends a column's value through the appender's overload for its type, without boxing it; null for a column that
    // goes through Append. Timestamps keep Append's checks (no finer than a microsecond, in range).
    private static Func<IDuckDBAppenderRow, int, IDuckDBAppenderRow>? TypedAppend(IArrowArray array, string column)
    {
        switch (array)
        {
            case Int64Array a: return (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue(a.Values[i]);
            case Int32Array a: return (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue(a.Values[i]);
            case Int16Array a: return (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue(a.Values[i]);
            case DoubleArray a: return (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue(a.Values[i]);
            case FloatArray a: return (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue(a.Values[i]);
            case BooleanArray a: return (r, i) => a.GetValue(i) is { } flag ? r.AppendValue(flag) : r.AppendNullValue();
            case StringArray a: return (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue(a.GetString(i));
            case TimestampArray a:
                var unit = ((TimestampType)a.Data.DataType).Unit;
                var kind = string.IsNullOrEmpty(((TimestampType)a.Data.DataType).Timezone) ? DateTimeKind.Unspecified : DateTimeKind.Utc;
                return (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue(SqlColumns.Microseconds(a.Values[i], unit, column, i, kind));
            default: return null;
        }
    }

    private static Func<IDuckDBAppenderRow, int, IDuckDBAppenderRow> ObjectAppend(Func<int, object?> getter, SqlColumnKind kind) =>
        (r, i) => Append(r, getter(i), kind);

    private static IDuckDBAppenderRow Append(IDuckDBAppenderRow row, object? value, SqlColumnKind? kind) => value switch
    {
        null => row.AppendNullValue(),
        sbyte v => row.AppendValue(v),
        short v => row.AppendValue(v),
        int v => row.AppendValue(v),
        long v => row.AppendValue(v),
        byte v => row.AppendValue(v),
        ushort v => row.AppendValue(v),
        uint v => row.AppendValue(v),
        ulong v => row.AppendValue(v),
        float v => row.AppendValue(v),
        double v => row.AppendValue(v),
        bool v => row.AppendValue(v),
        string v => row.AppendValue(v),
        decimal v => row.AppendValue(v),
        DateOnly v => row.AppendValue((DateOnly?)v),
        DateTime v => row.AppendValue(kind == SqlColumnKind.TimestampUtc ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v),
        byte[] v => row.AppendValue(v),
        _ => throw new InvalidCastException($"DuckDB's appender takes no {value.GetType().Name}."),
    };

    public override IReadOnlyList<SqlResultColumn> Columns(SqlSession session, DbDataReader reader)
    {
        var schema = reader.GetSchemaTable();
        var columns = new List<SqlResultColumn>(reader.FieldCount);
        for (var c = 0; c < reader.FieldCount; c++)
        {
            var name = reader.GetName(c);
            var typeName = reader.GetDataTypeName(c);
            var type = reader.GetFieldType(c);
            int? scale = schema?.Rows[c]["NumericScale"] is int s ? s : null;
            Func<DbDataReader, int, object> read = static (r, i) => r.GetValue(i);
            SqlColumnKind kind;
            if (type == typeof(sbyte))
            {
                kind = SqlColumnKind.Int8;
            }
            else if (SqlColumns.KindOfClrType(type) is { } common)
            {
                kind = common;
            }
            else if (type == typeof(byte))
            {
                kind = SqlColumnKind.UInt8;
            }
            else if (type == typeof(ushort))
            {
                kind = SqlColumnKind.UInt16;
            }
            else if (type == typeof(uint))
            {
                kind = SqlColumnKind.UInt32;
            }
            else if (type == typeof(ulong))
            {
                kind = SqlColumnKind.UInt64;
            }
            else if (type == typeof(BigInteger))
            {
                kind = SqlColumnKind.Int64;
            }
            else if (type == typeof(DateOnly))
            {
                kind = SqlColumnKind.Date;
            }
            else if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            {
                kind = typeName.Contains("Tz", StringComparison.OrdinalIgnoreCase) || typeName.Contains("ZONE", StringComparison.OrdinalIgnoreCase)
                    ? SqlColumnKind.TimestampUtc
                    : SqlColumnKind.Timestamp;
                if (kind == SqlColumnKind.TimestampUtc)
                {
                    read = static (r, i) => r.GetValue(i) is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : r.GetValue(i);
                }
            }
            else if (typeof(Stream).IsAssignableFrom(type))
            {
                kind = SqlColumnKind.Binary;
                read = static (r, i) =>
                {
                    using var stream = r.GetStream(i);
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    return copy.ToArray();
                };
            }
            else
            {
                throw SqlErrors.UnsupportedResultType(Name, name, typeName);
            }

            columns.Add(new SqlResultColumn(name, kind, kind == SqlColumnKind.Decimal ? scale : null, read, typeName));
        }

        return columns;
    }

    public override string Placeholder(string name) => "$" + name;

    public override string ParameterName(string name) => name;
}

using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Types;
using Kedro.Datasets.Sql.Internal;
using Microsoft.Data.Sqlite;

namespace Kedro.Datasets.Sql.Engines;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite. Columns are created with declared types (BIGINT, BOOLEAN, DATE, TIMESTAMP, ...)
/// that SQLite keeps, so a load reads each column back as it was saved; dates and timestamps are ISO text, decimals
/// SQLite's NUMERIC (a REAL value, so a save refuses a decimal of more than 15 significant digits, and a load rounds the
/// REAL to the declared scale). A bulk insert is one prepared statement reused for every row, in the save's transaction.
/// </summary>
internal sealed partial class SqliteEngine : SqlEngine
{
    public static readonly SqliteEngine Instance = new();

    private static readonly object True = 1L;

    private static readonly object False = 0L;

    private SqliteEngine()
    {
    }

    public override string Key => "sqlite";

    public override string Name => "SQLite";

    public override string DefaultSchema => "main";

    public override string FileConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;

    public override DbConnection Open(SqlConnectionInfo info, CancellationToken cancellationToken) =>
        OpenOrDispose(new SqliteConnection(info.ConnectionString));

    public override string DescribeOpenFailure(SqlConnectionInfo info, Exception exception) => SqlErrors.Message(exception);

    public override IReadOnlyList<string>? TableColumns(SqlSession session, string? schema, string table)
    {
        var sql = schema is null ? "SELECT name FROM pragma_table_info(@table) ORDER BY cid" : "SELECT name FROM pragma_table_info(@table, @schema) ORDER BY cid";
        return ColumnNames(session, sql, schema is null ? [("table", table)] : [("table", table), ("schema", schema)]);
    }

    public override string ColumnType(SqlColumnKind kind, IArrowType type) => kind switch
    {
        SqlColumnKind.Int8 => "TINYINT",
        SqlColumnKind.Int16 => "SMALLINT",
        SqlColumnKind.Int32 => "INT",
        SqlColumnKind.Int64 => "BIGINT",
        SqlColumnKind.UInt8 => "UNSIGNED TINYINT",
        SqlColumnKind.UInt16 => "UNSIGNED SMALLINT",
        SqlColumnKind.UInt32 => "UNSIGNED INT",
        SqlColumnKind.UInt64 => "UNSIGNED BIGINT",
        SqlColumnKind.Float => "FLOAT4",
        SqlColumnKind.Double => "DOUBLE",
        SqlColumnKind.Boolean => "BOOLEAN",
        SqlColumnKind.String => "TEXT",
        SqlColumnKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL(38,{((Decimal128Type)type).Scale})"),
        SqlColumnKind.Date => "DATE",
        SqlColumnKind.Timestamp => "TIMESTAMP",
        SqlColumnKind.TimestampUtc => "TIMESTAMPTZ",
        _ => "BLOB",
    };

    public override void Insert(SqlSession session, string? schema, string table, RecordBatch batch, IReadOnlyList<string> tableColumns, CancellationToken cancellationToken)
    {
        var kinds = SqlColumns.KindsOf(batch, Name);
        var names = batch.Schema.FieldsList.Select(f => Quote(f.Name));
        var sql = $"INSERT INTO {Qualified(schema, table)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", Enumerable.Range(0, batch.ColumnCount).Select(c => "@p" + c.ToString(CultureInfo.InvariantCulture)))})";
        using var command = session.Command(sql);
        var values = new Func<int, object>[batch.ColumnCount];
        var parameters = new DbParameter[batch.ColumnCount];
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            var column = batch.Schema.GetFieldByIndex(c).Name;
            var kind = kinds[c];
            values[c] = TypedValues(batch.Column(c), column, kind) ?? ObjectValues(SqlColumns.Values(batch.Column(c), column), kind, column);
            parameters[c] = command.CreateParameter();
            parameters[c].ParameterName = "@p" + c.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameters[c]);
        }

        session.Run(sql, command.Prepare);
        Func<int> execute = command.ExecuteNonQuery;
        for (var row = 0; row < batch.Length; row++)
        {
            if ((row & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var c = 0; c < values.Length; c++)
            {
                parameters[c].Value = values[c](row);
            }

            session.Run(sql, execute);
        }
    }

    public override void CheckValues(RecordBatch batch, SqlColumnKind[] kinds)
    {
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            if (kinds[c] != SqlColumnKind.Decimal)
            {
                continue;
            }

            var column = batch.Schema.GetFieldByIndex(c).Name;
            var values = SqlColumns.Values(batch.Column(c), column);
            for (var row = 0; row < batch.Length; row++)
            {
                if (values(row) is decimal value && SignificantDigits(value) is var digits && digits > SqlErrors.SqliteDecimalDigits)
                {
                    throw SqlErrors.InexactSqliteDecimal(column, row, value, digits);
                }
            }
        }
    }

    // The digits of a decimal from its first non-zero digit to its last non-zero digit (1.10 has 2, 0.001 has 1).
    private static int SignificantDigits(decimal value)
    {
        var digits = (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture).AsSpan().TrimStart('-');
        var count = 0;
        var started = false;
        foreach (var digit in digits)
        {
            if (digit is >= '1' and <= '9' || (started && digit == '0'))
            {
                started = true;
                count++;
            }
        }

        return count;
    }

    // The parameter value of each row of a column, read straight from the Arrow array in the type SQLite stores (one box,
    // no intermediate value); null for a column that goes through Bind.
    private static Func<int, object>? TypedValues(IArrowArray array, string column, SqlColumnKind kind)
    {
        switch (array)
        {
            case Int64Array a: return i => a.IsNull(i) ? DBNull.Value : a.Values[i];
            case Int32Array a: return i => a.IsNull(i) ? DBNull.Value : (long)a.Values[i];
            case Int16Array a: return i => a.IsNull(i) ? DBNull.Value : (long)a.Values[i];
            case DoubleArray a: return i => a.IsNull(i) ? DBNull.Value : a.Values[i];
            case FloatArray a: return i => a.IsNull(i) ? DBNull.Value : (double)a.Values[i];
            case BooleanArray a: return i => a.GetValue(i) is { } flag ? (flag ? True : False) : DBNull.Value;
            case StringArray a: return i => a.IsNull(i) ? DBNull.Value : a.GetString(i);
            case TimestampArray a:
                var unit = ((TimestampType)a.Data.DataType).Unit;
                return i => a.IsNull(i) ? DBNull.Value : Time(SqlColumns.Microseconds(a.Values[i], unit, column, i, DateTimeKind.Unspecified), kind);
            default: return null;
        }
    }

    private Func<int, object> ObjectValues(Func<int, object?> getter, SqlColumnKind kind, string column) =>
        i => Bind(kind, getter(i), column, i) ?? DBNull.Value;

    private object? Bind(SqlColumnKind kind, object? value, string column, int row) => value switch
    {
        null => null,
        ulong number when number > long.MaxValue => throw SqlErrors.OutOfRange(Name, column, row, number, "INTEGER"),
        ulong number => (long)number,
        sbyte or short or int or long or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float number => (double)number,
        bool flag => flag ? 1L : 0L,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => Time(time, kind),
        _ => value,
    };

    private static string Time(DateTime time, SqlColumnKind kind) => Timestamp(time, kind == SqlColumnKind.TimestampUtc);

    // The one text of a timestamp, in saved values and query parameters alike, so that `WHERE at = :at` compares equal
    // text: microseconds always written out, and "+00:00" after a UTC instant (TIMESTAMPTZ).
    private static string Timestamp(DateTime time, bool utc) => utc
        ? time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00"
        : time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public override IReadOnlyList<SqlResultColumn> Columns(SqlSession session, DbDataReader reader)
    {
        var schema = reader.GetSchemaTable();
        var columns = new List<SqlResultColumn>(reader.FieldCount);
        for (var c = 0; c < reader.FieldCount; c++)
        {
            var declared = schema?.Rows[c]["BaseColumnName"] is string { Length: > 0 };
            var typeName = declared ? reader.GetDataTypeName(c) : "(no declared type)";
            var kind = declared ? KindOf(typeName.ToUpperInvariant()) : null;
            if (kind == SqlColumnKind.Decimal && DeclaredType(session, schema!.Rows[c]) is { } full && DeclaredScale(full) is { } scale)
            {
                columns.Add(new SqlResultColumn(reader.GetName(c), SqlColumnKind.Decimal, scale, (r, i) => ExactDecimal(r.GetValue(i), scale), typeName));
                continue;
            }

            columns.Add(new SqlResultColumn(reader.GetName(c), kind, null, static (r, i) => r.GetValue(i), typeName));
        }

        return columns;
    }

    // A table column's declared type in full (the provider's type name drops "(38,2)"), or null.
    private static string? DeclaredType(SqlSession session, System.Data.DataRow column)
    {
        if (column["BaseTableName"] is not string { Length: > 0 } table || column["BaseColumnName"] is not string name)
        {
            return null;
        }

        var database = column["BaseCatalogName"] as string is { Length: > 0 } catalog ? catalog : "main";
        const string Sql = "SELECT type FROM pragma_table_info(@table, @schema) WHERE name = @name";
        using var command = session.Command(Sql, [("table", table), ("schema", database), ("name", name)]);
        return session.Run(Sql, () => command.ExecuteScalar() as string);
    }

    // The scale s of a column declared DECIMAL(p,s) or NUMERIC(p,s) (0 for DECIMAL(p)), or null.
    private static int? DeclaredScale(string declared)
    {
        var match = DecimalType().Match(declared);
        return !match.Success ? null
            : match.Groups["scale"].Success ? int.Parse(match.Groups["scale"].ValueSpan, CultureInfo.InvariantCulture)
            : 0;
    }

    [GeneratedRegex(@"^\s*(?:DECIMAL|NUMERIC)\s*\(\s*\d+\s*(?:,\s*(?<scale>\d{1,2})\s*)?\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DecimalType();

    // A DECIMAL column's value as the decimal it was saved as: SQLite hands back a REAL (or an INTEGER for a whole number),
    // which a save of at most 15 significant digits leaves exact once its shortest text is rounded to the declared scale.
    private static object ExactDecimal(object value, int scale) => value switch
    {
        double v when !double.IsNaN(v) && !double.IsInfinity(v) && Math.Abs(v) < 7.9e28
            => Math.Round(decimal.Parse(v.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture), Math.Min(scale, 28), MidpointRounding.ToEven),
        _ => value,
    };

    // SQLite's affinity rules, with the exact names this engine declares read back as the kinds they came from.
    private static SqlColumnKind? KindOf(string declared) => declared switch
    {
        "TINYINT" => SqlColumnKind.Int8,
        "SMALLINT" => SqlColumnKind.Int16,
        "INT" or "MEDIUMINT" => SqlColumnKind.Int32,
        "UNSIGNED TINYINT" => SqlColumnKind.UInt8,
        "UNSIGNED SMALLINT" => SqlColumnKind.UInt16,
        "UNSIGNED INT" => SqlColumnKind.UInt32,
        "UNSIGNED BIGINT" => SqlColumnKind.UInt64,
        "BOOLEAN" or "BOOL" => SqlColumnKind.Boolean,
        "DATE" => SqlColumnKind.Date,
        "TIMESTAMP" or "DATETIME" => SqlColumnKind.Timestamp,
        "TIMESTAMPTZ" or "TIMESTAMP WITH TIME ZONE" => SqlColumnKind.TimestampUtc,
        "DECIMAL" or "NUMERIC" => SqlColumnKind.Decimal,
        "FLOAT4" => SqlColumnKind.Float,
        _ when declared.Contains("INT", StringComparison.Ordinal) => SqlColumnKind.Int64,
        _ when declared.Contains("CHAR", StringComparison.Ordinal) || declared.Contains("CLOB", StringComparison.Ordinal)
            || declared.Contains("TEXT", StringComparison.Ordinal) => SqlColumnKind.String,
        _ when declared.Contains("BLOB", StringComparison.Ordinal) => SqlColumnKind.Binary,
        _ when declared.Contains("REAL", StringComparison.Ordinal) || declared.Contains("FLOA", StringComparison.Ordinal)
            || declared.Contains("DOUB", StringComparison.Ordinal) => SqlColumnKind.Double,
        _ => null,
    };

    public override string Placeholder(string name) => "@" + name;

    public override string ParameterName(string name) => "@" + name;

    public override object ParameterValue(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Unspecified } time => Timestamp(time, utc: false),
        DateTime time => Timestamp(time.ToUniversalTime(), utc: true),
        DateTimeOffset time => Timestamp(time.UtcDateTime, utc: true),
        bool flag => flag ? 1L : 0L,
        _ => value,
    };
}

using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// The plain ADO.NET programs the SQL datasets are measured against: the same provider doing the same work, written
/// the fastest ordinary way. Save replaces the table in one transaction (drop, create, insert every row); load reads
/// every row into typed column arrays, checking each value for NULL as a loader of any table must.
/// </summary>
internal abstract class SqlReference
{
    public const string Table = "sales";

    /// <summary>The engine's name in the results.</summary>
    public abstract string Engine { get; }

    public abstract void Save(SqlTable table);

    public SqlTable Load()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqlTable.ColumnList} FROM {Table}";
        using var reader = command.ExecuteReader();
        var columns = new Columns(1024);
        while (reader.Read())
        {
            columns.Add(reader);
        }

        return columns.ToTable();
    }

    protected abstract DbConnection Open();

    protected static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected static void Replace(DbConnection connection, DbTransaction transaction)
    {
        Execute(connection, transaction, $"DROP TABLE IF EXISTS {Table}");
        Execute(connection, transaction, SqlTable.CreateTable(Table));
    }

    /// <summary>SQLite (Microsoft.Data.Sqlite): one transaction, one prepared INSERT run once per row.</summary>
    internal sealed class Sqlite(string path) : SqlReference
    {
        public override string Engine => "SQLite";

        protected override DbConnection Open()
        {
            var connection = new SqliteConnection("Data Source=" + path);
            connection.Open();
            return connection;
        }

        public override void Save(SqlTable table)
        {
            using var connection = (SqliteConnection)Open();
            using var transaction = connection.BeginTransaction();
            Replace(connection, transaction);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {Table} ({SqlTable.ColumnList}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)";
            var p = new SqliteParameter[SqlTable.Columns.Length];
            for (var c = 0; c < p.Length; c++)
            {
                p[c] = insert.Parameters.Add(new SqliteParameter("@p" + c, null));
            }

            insert.Prepare();
            for (var i = 0; i < table.Count; i++)
            {
                p[0].Value = table.Id[i];
                p[1].Value = table.Quantity[i];
                p[2].Value = table.Customer[i];
                p[3].Value = table.Price[i];
                p[4].Value = table.Discount[i];
                p[5].Value = table.Weight[i];
                p[6].Value = table.City[i];
                p[7].Value = table.Product[i];
                p[8].Value = table.Returned[i];
                p[9].Value = table.SoldAt[i];
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>PostgreSQL (Npgsql): binary COPY in, a data reader out.</summary>
    internal sealed class Postgres(string connectionString) : SqlReference
    {
        public override string Engine => "PostgreSQL";

        protected override DbConnection Open()
        {
            var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            return connection;
        }

        public override void Save(SqlTable table)
        {
            using var connection = (NpgsqlConnection)Open();
            using var transaction = connection.BeginTransaction();
            Replace(connection, transaction);
            using (var copy = connection.BeginBinaryImport($"COPY {Table} ({SqlTable.ColumnList}) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < table.Count; i++)
                {
                    copy.StartRow();
                    copy.Write(table.Id[i], NpgsqlDbType.Bigint);
                    copy.Write(table.Quantity[i], NpgsqlDbType.Bigint);
                    copy.Write(table.Customer[i], NpgsqlDbType.Bigint);
                    copy.Write(table.Price[i], NpgsqlDbType.Double);
                    copy.Write(table.Discount[i], NpgsqlDbType.Double);
                    copy.Write(table.Weight[i], NpgsqlDbType.Double);
                    copy.Write(table.City[i], NpgsqlDbType.Text);
                    copy.Write(table.Product[i], NpgsqlDbType.Text);
                    copy.Write(table.Returned[i], NpgsqlDbType.Boolean);
                    copy.Write(table.SoldAt[i], NpgsqlDbType.Timestamp);
                }

                copy.Complete();
            }

            transaction.Commit();
        }
    }

    /// <summary>DuckDB (DuckDB.NET): the appender in, a data reader out.</summary>
    internal sealed class DuckDb(string path) : SqlReference
    {
        public override string Engine => "DuckDB";

        protected override DbConnection Open()
        {
            var connection = new DuckDBConnection("Data Source=" + path);
            connection.Open();
            return connection;
        }

        public override void Save(SqlTable table)
        {
            using var connection = (DuckDBConnection)Open();
            using var transaction = connection.BeginTransaction();
            Replace(connection, transaction);
            using (var appender = connection.CreateAppender(Table))
            {
                for (var i = 0; i < table.Count; i++)
                {
                    appender.CreateRow()
                        .AppendValue(table.Id[i])
                        .AppendValue(table.Quantity[i])
                        .AppendValue(table.Customer[i])
                        .AppendValue(table.Price[i])
                        .AppendValue(table.Discount[i])
                        .AppendValue(table.Weight[i])
                        .AppendValue(table.City[i])
                        .AppendValue(table.Product[i])
                        .AppendValue(table.Returned[i])
                        .AppendValue(table.SoldAt[i])
                        .EndRow();
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>Growing typed column arrays filled row by row from a reader.</summary>
    private sealed class Columns(int capacity)
    {
        private long[] _id = new long[capacity];
        private long[] _quantity = new long[capacity];
        private long[] _customer = new long[capacity];
        private double[] _price = new double[capacity];
        private double[] _discount = new double[capacity];
        private double[] _weight = new double[capacity];
        private string[] _city = new string[capacity];
        private string[] _product = new string[capacity];
        private bool[] _returned = new bool[capacity];
        private DateTime[] _soldAt = new DateTime[capacity];
        private int _count;

        public void Add(DbDataReader reader)
        {
            if (_count == _id.Length)
            {
                var size = _count * 2;
                Array.Resize(ref _id, size);
                Array.Resize(ref _quantity, size);
                Array.Resize(ref _customer, size);
                Array.Resize(ref _price, size);
                Array.Resize(ref _discount, size);
                Array.Resize(ref _weight, size);
                Array.Resize(ref _city, size);
                Array.Resize(ref _product, size);
                Array.Resize(ref _returned, size);
                Array.Resize(ref _soldAt, size);
            }

            var i = _count++;
            _id[i] = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
            _quantity[i] = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            _customer[i] = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
            _price[i] = reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3);
            _discount[i] = reader.IsDBNull(4) ? double.NaN : reader.GetDouble(4);
            _weight[i] = reader.IsDBNull(5) ? double.NaN : reader.GetDouble(5);
            _city[i] = reader.IsDBNull(6) ? "" : reader.GetString(6);
            _product[i] = reader.IsDBNull(7) ? "" : reader.GetString(7);
            _returned[i] = !reader.IsDBNull(8) && reader.GetBoolean(8);
            _soldAt[i] = reader.IsDBNull(9) ? default : reader.GetDateTime(9);
        }

        public SqlTable ToTable() => new()
        {
            Count = _count,
            Id = _id,
            Quantity = _quantity,
            Customer = _customer,
            Price = _price,
            Discount = _discount,
            Weight = _weight,
            City = _city,
            Product = _product,
            Returned = _returned,
            SoldAt = _soldAt,
        };
    }
}

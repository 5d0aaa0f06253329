using Apache.Arrow;
using Apache.Arrow.Types;

/// <summary>
/// The SQL benchmarks' table as typed column arrays: 3 int64, 3 double, 2 string, 1 bool and 1 timestamp column
/// (microseconds, no time zone), generated with a fixed seed, or loaded back from a database.
/// </summary>
internal sealed class SqlTable
{
    /// <summary>The columns' names and SQL types (ANSI names every engine here knows), in order.</summary>
    public static readonly (string Name, string Type)[] Columns =
    [
        ("id", "BIGINT"), ("quantity", "BIGINT"), ("customer", "BIGINT"),
        ("price", "DOUBLE PRECISION"), ("discount", "DOUBLE PRECISION"), ("weight", "DOUBLE PRECISION"),
        ("city", "TEXT"), ("product", "TEXT"), ("returned", "BOOLEAN"), ("sold_at", "TIMESTAMP"),
    ];

    public required int Count { get; init; }

    public required long[] Id { get; init; }

    public required long[] Quantity { get; init; }

    public required long[] Customer { get; init; }

    public required double[] Price { get; init; }

    public required double[] Discount { get; init; }

    public required double[] Weight { get; init; }

    public required string[] City { get; init; }

    public required string[] Product { get; init; }

    public required bool[] Returned { get; init; }

    public required DateTime[] SoldAt { get; init; }

    public static string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    public static string CreateTable(string name) =>
        $"CREATE TABLE {name} ({string.Join(", ", Columns.Select(c => c.Name + " " + c.Type))})";

    public static SqlTable Generate(int rows)
    {
        var random = new Random(20261206);
        var cities = new[] { "Amsterdam", "Berlin", "Cairo", "Delhi", "Lima", "Oslo", "Quito", "Seoul", "Tokyo", "Zurich" };
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var table = new SqlTable
        {
            Count = rows,
            Id = new long[rows],
            Quantity = new long[rows],
            Customer = new long[rows],
            Price = new double[rows],
            Discount = new double[rows],
            Weight = new double[rows],
            City = new string[rows],
            Product = new string[rows],
            Returned = new bool[rows],
            SoldAt = new DateTime[rows],
        };
        for (var i = 0; i < rows; i++)
        {
            table.Id[i] = i;
            table.Quantity[i] = random.Next(1, 1000);
            table.Customer[i] = random.NextInt64(1_000_000_000L, 9_999_999_999L);
            table.Price[i] = Math.Round(random.NextDouble() * 1000, 2);
            table.Discount[i] = Math.Round(random.NextDouble(), 4);
            table.Weight[i] = random.NextDouble() * 50;
            table.City[i] = cities[random.Next(cities.Length)];
            table.Product[i] = "P-" + random.Next(0, 100_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            table.Returned[i] = random.Next(2) == 0;
            table.SoldAt[i] = start.AddTicks(random.NextInt64(0, 365L * 24 * 3600 * 1_000_000) * 10); // whole microseconds
        }

        return table;
    }

    public RecordBatch ToRecordBatch()
    {
        var timestamps = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var time in SoldAt.AsSpan(0, Count))
        {
            timestamps.Append(new DateTimeOffset(time.Ticks, TimeSpan.Zero));
        }

        var schema = new Schema.Builder();
        foreach (var (name, type) in Columns)
        {
            IArrowType arrow = type switch
            {
                "BIGINT" => Int64Type.Default,
                "DOUBLE PRECISION" => DoubleType.Default,
                "TEXT" => StringType.Default,
                "BOOLEAN" => BooleanType.Default,
                _ => new TimestampType(TimeUnit.Microsecond, (string?)null),
            };
            schema.Field(f => f.Name(name).DataType(arrow).Nullable(true));
        }

        return new RecordBatch(schema.Build(), [
            new Int64Array.Builder().Append((ReadOnlySpan<long>)Id.AsSpan(0, Count)).Build(),
            new Int64Array.Builder().Append((ReadOnlySpan<long>)Quantity.AsSpan(0, Count)).Build(),
            new Int64Array.Builder().Append((ReadOnlySpan<long>)Customer.AsSpan(0, Count)).Build(),
            new DoubleArray.Builder().Append((ReadOnlySpan<double>)Price.AsSpan(0, Count)).Build(),
            new DoubleArray.Builder().Append((ReadOnlySpan<double>)Discount.AsSpan(0, Count)).Build(),
            new DoubleArray.Builder().Append((ReadOnlySpan<double>)Weight.AsSpan(0, Count)).Build(),
            new StringArray.Builder().AppendRange(City.Take(Count)).Build(),
            new StringArray.Builder().AppendRange(Product.Take(Count)).Build(),
            new BooleanArray.Builder().AppendRange(Returned.Take(Count)).Build(),
            timestamps.Build(),
        ], Count);
    }

    /// <summary>Throws when <paramref name="other"/> does not hold exactly this table's values.</summary>
    public void MustEqual(SqlTable other, string what)
    {
        if (other.Count != Count)
        {
            throw new InvalidOperationException($"{what}: {other.Count:N0} rows, expected {Count:N0}.");
        }

        for (var i = 0; i < Count; i++)
        {
            if (other.Id[i] != Id[i] || other.Quantity[i] != Quantity[i] || other.Customer[i] != Customer[i]
                || !other.Price[i].Equals(Price[i]) || !other.Discount[i].Equals(Discount[i]) || !other.Weight[i].Equals(Weight[i])
                || other.City[i] != City[i] || other.Product[i] != Product[i] || other.Returned[i] != Returned[i]
                || other.SoldAt[i] != SoldAt[i])
            {
                throw new InvalidOperationException($"{what}: row {i} differs from the saved row (the loads are expected in insertion order).");
            }
        }
    }

    /// <summary>The values of a record batch with this table's columns.</summary>
    public static SqlTable FromRecordBatch(RecordBatch batch)
    {
        var n = batch.Length;
        var times = (TimestampArray)batch.Column(9);
        var soldAt = new DateTime[n];
        for (var i = 0; i < n; i++)
        {
            soldAt[i] = new DateTime(times.GetTimestamp(i)!.Value.UtcTicks, DateTimeKind.Unspecified);
        }

        return new SqlTable
        {
            Count = n,
            Id = [.. ((Int64Array)batch.Column(0)).Values],
            Quantity = [.. ((Int64Array)batch.Column(1)).Values],
            Customer = [.. ((Int64Array)batch.Column(2)).Values],
            Price = [.. ((DoubleArray)batch.Column(3)).Values],
            Discount = [.. ((DoubleArray)batch.Column(4)).Values],
            Weight = [.. ((DoubleArray)batch.Column(5)).Values],
            City = [.. Strings((StringArray)batch.Column(6))],
            Product = [.. Strings((StringArray)batch.Column(7))],
            Returned = [.. Enumerable.Range(0, n).Select(i => ((BooleanArray)batch.Column(8)).GetValue(i) ?? false)],
            SoldAt = soldAt,
        };
    }

    private static IEnumerable<string> Strings(StringArray array)
    {
        for (var i = 0; i < array.Length; i++)
        {
            yield return array.GetString(i);
        }
    }
}

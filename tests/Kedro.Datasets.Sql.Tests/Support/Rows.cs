namespace Kedro.Datasets.Sql.Tests.Support;

/// <summary>A row with every column type the SQL datasets keep, and nulls.</summary>
public sealed record TypedRow(
    sbyte I8, short I16, int I32, long I64, byte U8, ushort U16, uint U32, ulong U64, float F32, double F64, bool Flag,
    string? Text, decimal Amount, DateOnly Day, DateTime At, DateTimeOffset AtUtc, int? Maybe);

/// <summary>A row with a timestamp without a zone and one in UTC.</summary>
public sealed record Event(string Id, DateTime At, DateTimeOffset AtUtc);

/// <summary>A small table of shuttles, as in Spaceflights.</summary>
public sealed record Shuttle(string Id, string ShuttleType, double Capacity);

public static class Rows
{
    public static List<TypedRow> Typed() =>
    [
        new(sbyte.MinValue, short.MinValue, int.MinValue, long.MinValue, byte.MaxValue, ushort.MaxValue, uint.MaxValue, 42UL, float.MaxValue, Math.PI, true,
            "héllo 'quoted' \"double\"", 12345.6789m, new DateOnly(1999, 12, 31), new DateTime(2024, 2, 29, 13, 14, 15, 123).AddTicks(4560),
            new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), 7),
        new(sbyte.MaxValue, short.MaxValue, int.MaxValue, long.MaxValue, 0, 0, 0, 0UL, -1.5f, -0.1, false, null, -0.0001m, new DateOnly(1970, 1, 1),
            new DateTime(1970, 1, 1), new DateTimeOffset(2000, 6, 30, 23, 59, 59, TimeSpan.Zero), null),
    ];

    public static List<Shuttle> Shuttles(params string[] ids) => [.. ids.Select((id, i) => new Shuttle(id, "Type V" + i, 2.5 * (i + 1)))];
}

namespace Kedro.Datasets.Tests.Tables;

/// <summary>A row with one property of every column type a table holds, plain and nullable.</summary>
public sealed record Wide(
    sbyte I8,
    byte U8,
    short I16,
    ushort U16,
    int I32,
    uint U32,
    long I64,
    ulong U64,
    float F32,
    double F64,
    decimal Money,
    bool Flag,
    string Name,
    DateOnly Day,
    DateTime At,
    DateTimeOffset When,
    int? MaybeInt,
    string? MaybeName,
    DateOnly? MaybeDay,
    DateTime? MaybeAt,
    bool? MaybeFlag,
    double? MaybeDouble);

internal static class Rows
{
    /// <summary>Two rows: extreme values with every optional value set, then ordinary ones with every optional value missing.</summary>
    public static readonly List<Wide> Sample =
    [
        new(sbyte.MinValue, byte.MaxValue, short.MinValue, ushort.MaxValue, int.MinValue, uint.MaxValue, long.MinValue, ulong.MaxValue,
            1.5f, Math.PI, 12345.6789m, true, "héllo, \"world\"", new DateOnly(1969, 7, 20), new DateTime(2024, 2, 29, 23, 59, 58, 123).AddTicks(4560),
            new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(2)), 42, "maybe", new DateOnly(2000, 1, 1), new DateTime(1999, 12, 31, 12, 0, 0),
            false, -0.25),
        new(1, 2, 3, 4, 5, 6, 7, 8, -2.25f, 0, -0.01m, false, string.Empty, new DateOnly(2262, 4, 11), new DateTime(1677, 9, 22),
            new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(2)), null, null, null, null, null, null),
    ];
}

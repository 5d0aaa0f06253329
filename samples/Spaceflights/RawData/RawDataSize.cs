namespace Spaceflights.RawData;

/// <summary>How much raw data to generate.</summary>
/// <param name="Companies">The number of companies.</param>
/// <param name="Shuttles">The number of shuttles (each with one row of reviews).</param>
internal sealed record RawDataSize(int Companies, int Shuttles)
{
    /// <summary>The sample's size: 10,000 companies and 15,000 shuttles and reviews.</summary>
    public static RawDataSize Default { get; } = new(10_000, 15_000);
}

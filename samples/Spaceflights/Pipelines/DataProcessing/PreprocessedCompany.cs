namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>A company after <see cref="DataProcessingNodes.PreprocessCompanies"/>: the rating as a fraction, the flag as a boolean.</summary>
internal sealed record PreprocessedCompany
{
    /// <summary>The company's id (<c>id</c>).</summary>
    public long Id { get; init; }

    /// <summary>The rating as a fraction (<c>"100%"</c> is 1.0), or missing (<c>company_rating</c>).</summary>
    public double? CompanyRating { get; init; }

    /// <summary>Where the company is based (<c>company_location</c>).</summary>
    public string? CompanyLocation { get; init; }

    /// <summary>How many shuttles the company runs (<c>total_fleet_count</c>).</summary>
    public double? TotalFleetCount { get; init; }

    /// <summary>Whether the company is IATA approved (<c>iata_approved</c>); a missing value is <see langword="false"/>.</summary>
    public bool IataApproved { get; init; }
}

namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>A row of <c>data/01_raw/companies.csv</c>, as the raw file has it.</summary>
internal sealed record Company
{
    /// <summary>The company's id (<c>id</c>).</summary>
    public long Id { get; init; }

    /// <summary>The rating as a percentage text such as <c>"100%"</c>, or missing (<c>company_rating</c>).</summary>
    public string? CompanyRating { get; init; }

    /// <summary>Where the company is based (<c>company_location</c>).</summary>
    public string? CompanyLocation { get; init; }

    /// <summary>How many shuttles the company runs (<c>total_fleet_count</c>).</summary>
    public double? TotalFleetCount { get; init; }

    /// <summary><c>"t"</c> or <c>"f"</c> (<c>iata_approved</c>).</summary>
    public string? IataApproved { get; init; }
}

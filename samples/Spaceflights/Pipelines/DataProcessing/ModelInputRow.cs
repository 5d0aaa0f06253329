namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>
/// A row of the model input table: a shuttle joined with its review and its company, with no missing value.
/// The properties are in the column order of Kedro's merge (shuttle, review, company).
/// </summary>
internal sealed record ModelInputRow
{
    /// <summary>Where the shuttle is based (<c>shuttle_location</c>).</summary>
    public required string ShuttleLocation { get; init; }

    /// <summary>The model (<c>shuttle_type</c>).</summary>
    public required string ShuttleType { get; init; }

    /// <summary>The engine type (<c>engine_type</c>).</summary>
    public required string EngineType { get; init; }

    /// <summary>Who built the engines (<c>engine_vendor</c>).</summary>
    public required string EngineVendor { get; init; }

    /// <summary>The number of engines (<c>engines</c>).</summary>
    public double Engines { get; init; }

    /// <summary>How many passengers fit (<c>passenger_capacity</c>).</summary>
    public long PassengerCapacity { get; init; }

    /// <summary>The cancellation policy (<c>cancellation_policy</c>).</summary>
    public required string CancellationPolicy { get; init; }

    /// <summary>The crew size (<c>crew</c>).</summary>
    public double Crew { get; init; }

    /// <summary>Whether the D check is complete (<c>d_check_complete</c>).</summary>
    public bool DCheckComplete { get; init; }

    /// <summary>Whether the moon clearance is complete (<c>moon_clearance_complete</c>).</summary>
    public bool MoonClearanceComplete { get; init; }

    /// <summary>The price, the regression's target (<c>price</c>).</summary>
    public double Price { get; init; }

    /// <summary>The id of the company that runs the shuttle (<c>company_id</c>).</summary>
    public long CompanyId { get; init; }

    /// <summary>The reviewed shuttle's id (<c>shuttle_id</c>).</summary>
    public long ShuttleId { get; init; }

    /// <summary>The overall rating, out of 100 (<c>review_scores_rating</c>).</summary>
    public double ReviewScoresRating { get; init; }

    /// <summary>Comfort, out of 10 (<c>review_scores_comfort</c>).</summary>
    public double ReviewScoresComfort { get; init; }

    /// <summary>Amenities, out of 10 (<c>review_scores_amenities</c>).</summary>
    public double ReviewScoresAmenities { get; init; }

    /// <summary>The trip, out of 10 (<c>review_scores_trip</c>).</summary>
    public double ReviewScoresTrip { get; init; }

    /// <summary>The crew, out of 10 (<c>review_scores_crew</c>).</summary>
    public double ReviewScoresCrew { get; init; }

    /// <summary>The location, out of 10 (<c>review_scores_location</c>).</summary>
    public double ReviewScoresLocation { get; init; }

    /// <summary>The price, out of 10 (<c>review_scores_price</c>).</summary>
    public double ReviewScoresPrice { get; init; }

    /// <summary>How many reviews the shuttle has (<c>number_of_reviews</c>).</summary>
    public long NumberOfReviews { get; init; }

    /// <summary>Reviews a month (<c>reviews_per_month</c>).</summary>
    public double ReviewsPerMonth { get; init; }

    /// <summary>The company's id (<c>id</c>).</summary>
    public long Id { get; init; }

    /// <summary>The company's rating as a fraction (<c>company_rating</c>).</summary>
    public double CompanyRating { get; init; }

    /// <summary>Where the company is based (<c>company_location</c>).</summary>
    public required string CompanyLocation { get; init; }

    /// <summary>How many shuttles the company runs (<c>total_fleet_count</c>).</summary>
    public double TotalFleetCount { get; init; }

    /// <summary>Whether the company is IATA approved (<c>iata_approved</c>).</summary>
    public bool IataApproved { get; init; }
}

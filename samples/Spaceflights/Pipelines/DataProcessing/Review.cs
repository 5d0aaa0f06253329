namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>A row of <c>data/01_raw/reviews.csv</c>: a shuttle's review scores. Scores are missing when it has no reviews.</summary>
internal sealed record Review
{
    /// <summary>The reviewed shuttle's id (<c>shuttle_id</c>).</summary>
    public long ShuttleId { get; init; }

    /// <summary>The overall rating, out of 100 (<c>review_scores_rating</c>).</summary>
    public double? ReviewScoresRating { get; init; }

    /// <summary>Comfort, out of 10 (<c>review_scores_comfort</c>).</summary>
    public double? ReviewScoresComfort { get; init; }

    /// <summary>Amenities, out of 10 (<c>review_scores_amenities</c>).</summary>
    public double? ReviewScoresAmenities { get; init; }

    /// <summary>The trip, out of 10 (<c>review_scores_trip</c>).</summary>
    public double? ReviewScoresTrip { get; init; }

    /// <summary>The crew, out of 10 (<c>review_scores_crew</c>).</summary>
    public double? ReviewScoresCrew { get; init; }

    /// <summary>The location, out of 10 (<c>review_scores_location</c>).</summary>
    public double? ReviewScoresLocation { get; init; }

    /// <summary>The price, out of 10 (<c>review_scores_price</c>).</summary>
    public double? ReviewScoresPrice { get; init; }

    /// <summary>How many reviews the shuttle has (<c>number_of_reviews</c>).</summary>
    public long? NumberOfReviews { get; init; }

    /// <summary>Reviews a month (<c>reviews_per_month</c>).</summary>
    public double? ReviewsPerMonth { get; init; }
}

using CsvHelper.Configuration.Attributes;

namespace Kedro.Datasets.Tests.Support;

/// <summary>A row of Spaceflights' companies.csv.</summary>
public sealed record Company(long Id, string? CompanyRating, string? CompanyLocation, double? TotalFleetCount, string? IataApproved);

/// <summary>The same rows with parsed types: "t"/"f" as booleans, a renamed column.</summary>
public sealed class TypedCompany
{
    public long Id { get; init; }

    [Name("company_rating")]
    public string? Rating { get; init; }

    public bool? IataApproved { get; init; }

    public int? TotalFleetCount { get; init; }
}

/// <summary>A row of Spaceflights' reviews.csv.</summary>
public sealed record Review(
    long ShuttleId,
    double? ReviewScoresRating,
    double? ReviewScoresComfort,
    double? ReviewScoresAmenities,
    double? ReviewScoresTrip,
    double? ReviewScoresCrew,
    double? ReviewScoresLocation,
    double? ReviewScoresPrice,
    int NumberOfReviews,
    double? ReviewsPerMonth);

/// <summary>A row of Spaceflights' shuttles.xlsx.</summary>
public sealed record Shuttle(
    long Id,
    string? ShuttleLocation,
    string? ShuttleType,
    string? EngineType,
    string? EngineVendor,
    double? Engines,
    int PassengerCapacity,
    string? CancellationPolicy,
    double? Crew,
    string? DCheckComplete,
    string? MoonClearanceComplete,
    string? Price,
    long CompanyId);

/// <summary>A model as a node would train it.</summary>
public sealed class LinearModel
{
    public double[] Coefficients { get; set; } = [];

    public double Intercept { get; set; }

    public IReadOnlyList<string> Features { get; set; } = [];
}

public sealed record ModelOptions(double TestSize, int RandomState, IReadOnlyList<string> Features);

/// <summary>A value whose text form fails, to make a save fail halfway through writing.</summary>
public sealed class Exploding : IFormattable
{
    public string ToString(string? format, IFormatProvider? formatProvider) => throw new InvalidOperationException("boom");

    public override string ToString() => throw new InvalidOperationException("boom");
}

public sealed record WithExploding(int Id, Exploding Value);

/// <summary>An object whose property fails when read, to make a save fail halfway through writing.</summary>
public sealed class ThrowingGetter
{
    public int Before => 1;

    public int Value => throw new InvalidOperationException("boom");
}

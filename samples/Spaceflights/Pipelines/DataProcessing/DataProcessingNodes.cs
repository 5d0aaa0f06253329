using System.Globalization;

namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>The node functions of the <c>data_processing</c> pipeline: Kedro's spaceflights nodes as plain static methods.</summary>
internal static class DataProcessingNodes
{
    /// <summary>Preprocesses the companies: <c>company_rating</c> becomes a fraction and <c>iata_approved</c> a boolean.</summary>
    /// <param name="companies">The raw companies.</param>
    /// <returns>The preprocessed companies, in the same order.</returns>
    public static List<PreprocessedCompany> PreprocessCompanies(List<Company> companies) =>
        [.. companies.Select(c => new PreprocessedCompany
        {
            Id = c.Id,
            CompanyRating = ParsePercentage(c.CompanyRating),
            CompanyLocation = c.CompanyLocation,
            TotalFleetCount = c.TotalFleetCount,
            IataApproved = IsTrue(c.IataApproved),
        })];

    /// <summary>Preprocesses the shuttles: <c>price</c> becomes a number and the two checks booleans.</summary>
    /// <param name="shuttles">The raw shuttles.</param>
    /// <returns>The preprocessed shuttles, in the same order.</returns>
    public static List<PreprocessedShuttle> PreprocessShuttles(List<Shuttle> shuttles) =>
        [.. shuttles.Select(s => new PreprocessedShuttle
        {
            Id = s.Id,
            ShuttleLocation = s.ShuttleLocation,
            ShuttleType = s.ShuttleType,
            EngineType = s.EngineType,
            EngineVendor = s.EngineVendor,
            Engines = s.Engines,
            PassengerCapacity = s.PassengerCapacity,
            CancellationPolicy = s.CancellationPolicy,
            Crew = s.Crew,
            DCheckComplete = IsTrue(s.DCheckComplete),
            MoonClearanceComplete = IsTrue(s.MoonClearanceComplete),
            Price = ParseMoney(s.Price),
            CompanyId = s.CompanyId,
        })];

    /// <summary>
    /// Combines all data into the model input table: shuttles inner-joined with their reviews (on <c>id</c> =
    /// <c>shuttle_id</c>), then with their companies (on <c>company_id</c> = <c>id</c>), keeping the shuttles'
    /// order, and dropping every row with a missing value.
    /// </summary>
    /// <param name="shuttles">The preprocessed shuttles.</param>
    /// <param name="companies">The preprocessed companies.</param>
    /// <param name="reviews">The raw reviews.</param>
    /// <returns>The model input table.</returns>
    public static List<ModelInputRow> CreateModelInputTable(
        List<PreprocessedShuttle> shuttles, List<PreprocessedCompany> companies, List<Review> reviews)
    {
        var reviewsByShuttle = reviews.ToLookup(r => r.ShuttleId);
        var companiesById = companies.ToLookup(c => c.Id);
        var table = new List<ModelInputRow>();
        foreach (var s in shuttles)
        {
            if (s.CompanyId is not { } companyId)
            {
                continue; // a missing key never matches in an inner join
            }

            foreach (var r in reviewsByShuttle[s.Id])
            {
                foreach (var c in companiesById[companyId])
                {
                    if (Complete(s, r, c) is { } row)
                    {
                        table.Add(row);
                    }
                }
            }
        }

        return table;
    }

    /// <summary>Kedro's <c>_is_true</c>: <see langword="true"/> only for <c>"t"</c> (a missing value is <see langword="false"/>).</summary>
    /// <param name="value">The raw flag.</param>
    /// <returns>Whether the flag is set.</returns>
    public static bool IsTrue(string? value) => value == "t";

    /// <summary>Kedro's <c>_parse_percentage</c>: <c>"100%"</c> is 1.0; a missing value stays missing.</summary>
    /// <param name="value">The raw percentage.</param>
    /// <returns>The fraction, or <see langword="null"/>.</returns>
    /// <exception cref="FormatException">The text is not a number followed by <c>%</c>.</exception>
    public static double? ParsePercentage(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : ParseNumber(value.Replace("%", string.Empty, StringComparison.Ordinal), value) / 100;

    /// <summary>Kedro's <c>_parse_money</c>: <c>"$1,715.0"</c> is 1715.0; a missing value stays missing.</summary>
    /// <param name="value">The raw money amount.</param>
    /// <returns>The amount, or <see langword="null"/>.</returns>
    /// <exception cref="FormatException">The text is not an amount such as <c>$1,715.0</c>.</exception>
    public static double? ParseMoney(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : ParseNumber(value.Replace("$", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal), value);

    private static double ParseNumber(string text, string original) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Could not convert '{original}' to a number: expected text such as '100%' or '$1,715.0'.");

    private static ModelInputRow? Complete(PreprocessedShuttle s, Review r, PreprocessedCompany c)
    {
        if (s.ShuttleLocation is not { } shuttleLocation || s.ShuttleType is not { } shuttleType
            || s.EngineType is not { } engineType || s.EngineVendor is not { } engineVendor
            || s.Engines is not { } engines || s.PassengerCapacity is not { } capacity
            || s.CancellationPolicy is not { } policy || s.Crew is not { } crew
            || s.Price is not { } price || s.CompanyId is not { } companyId
            || r.ReviewScoresRating is not { } rating || r.ReviewScoresComfort is not { } comfort
            || r.ReviewScoresAmenities is not { } amenities || r.ReviewScoresTrip is not { } trip
            || r.ReviewScoresCrew is not { } crewScore || r.ReviewScoresLocation is not { } location
            || r.ReviewScoresPrice is not { } priceScore || r.NumberOfReviews is not { } count
            || r.ReviewsPerMonth is not { } perMonth
            || c.CompanyRating is not { } companyRating || c.CompanyLocation is not { } companyLocation
            || c.TotalFleetCount is not { } fleet)
        {
            return null;
        }

        double[] numbers = [engines, crew, price, rating, comfort, amenities, trip, crewScore, location, priceScore, perMonth, companyRating, fleet];
        if (numbers.Any(double.IsNaN))
        {
            return null;
        }

        return new ModelInputRow
        {
            ShuttleLocation = shuttleLocation,
            ShuttleType = shuttleType,
            EngineType = engineType,
            EngineVendor = engineVendor,
            Engines = engines,
            PassengerCapacity = capacity,
            CancellationPolicy = policy,
            Crew = crew,
            DCheckComplete = s.DCheckComplete,
            MoonClearanceComplete = s.MoonClearanceComplete,
            Price = price,
            CompanyId = companyId,
            ShuttleId = r.ShuttleId,
            ReviewScoresRating = rating,
            ReviewScoresComfort = comfort,
            ReviewScoresAmenities = amenities,
            ReviewScoresTrip = trip,
            ReviewScoresCrew = crewScore,
            ReviewScoresLocation = location,
            ReviewScoresPrice = priceScore,
            NumberOfReviews = count,
            ReviewsPerMonth = perMonth,
            Id = c.Id,
            CompanyRating = companyRating,
            CompanyLocation = companyLocation,
            TotalFleetCount = fleet,
            IataApproved = c.IataApproved,
        };
    }
}

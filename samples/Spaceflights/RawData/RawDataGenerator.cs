using System.Data;
using System.Globalization;
using Kedro.Datasets;

namespace Spaceflights.RawData;

/// <summary>
/// Generates the Spaceflights raw data deterministically (a seeded <see cref="Random"/>; no downloads) in the
/// files and columns of Kedro's starter: <c>companies.csv</c>, <c>reviews.csv</c> and <c>shuttles.xlsx</c>.
/// A shuttle's price depends on its engines, capacity, crew, checks, its company's rating and approval and its
/// review rating, plus noise, so the regression has something to find. Values are missing where the real data
/// has missing values (company ratings, locations and fleet counts; engines and crew; the scores of shuttles
/// without reviews).
/// </summary>
internal static class RawDataGenerator
{
    /// <summary>The seed of the sample's data.</summary>
    public const int DefaultSeed = 2019;

    /// <summary>The raw file names, in the order they are generated.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["companies.csv", "reviews.csv", "shuttles.xlsx"];

    private static readonly string[] Locations =
    [
        "Niue", "Anguilla", "Russian Federation", "Barbados", "Sao Tome and Principe", "Malta", "Isle of Man",
        "Kenya", "Chile", "Nauru", "Faroe Islands", "Guam", "Korea, Republic of", "Bolivia", "Tonga", "Zimbabwe",
        "Namibia", "Mauritius", "Iceland", "Fiji", "Peru", "Cuba", "Seychelles", "Greenland", "Mongolia",
        "Saint Helena", "Tokelau", "Vanuatu", "Montserrat", "Palau",
    ];

    private static readonly string[] ShuttleTypes = ["Type V5", "Type F5", "Type V2", "Type F2", "Type V1", "Type F1", "Type V3"];

    private static readonly string[] EngineTypes = ["Quantum", "Plasma", "Nuclear"];

    private static readonly string[] EngineVendors =
    [
        "ThetaBase Services", "Banks, Bailey and Gutierrez", "Orbital Dynamics", "Stellar Forge", "Nova Propulsion",
        "Kuiper Works", "Helios Motors", "Lagrange Systems",
    ];

    /// <summary>
    /// Writes the three raw files into <paramref name="rawFolder"/> (creating it if needed) when it holds no data file
    /// yet (hidden files such as <c>.gitkeep</c> do not count). A folder with any data, generated or real, is left
    /// alone, so a missing file among real ones is reported by the run, never replaced by generated data. The CSV files
    /// are saved with <see cref="CsvDataset"/> and the workbook with <see cref="ExcelDataset"/>, so each file is written
    /// atomically.
    /// </summary>
    /// <param name="rawFolder">The folder of the raw data (the project's <c>data/01_raw</c>).</param>
    /// <param name="size">How much data to generate; <see cref="RawDataSize.Default"/> when <see langword="null"/>.</param>
    /// <param name="seed">The seed of the generator.</param>
    /// <returns>The names of the files written; empty when the folder already held data.</returns>
    public static IReadOnlyList<string> WriteIfEmpty(string rawFolder, RawDataSize? size = null, int seed = DefaultSeed)
    {
        if (Directory.Exists(rawFolder)
            && Directory.EnumerateFiles(rawFolder, "*", SearchOption.AllDirectories).Any(static f => !Path.GetFileName(f).StartsWith('.')))
        {
            return [];
        }

        var (companies, reviews, shuttles) = Generate(size ?? RawDataSize.Default, seed);
        Parallel.ForEach(FileNames, name =>
        {
            var path = Path.Combine(rawFolder, name);
            switch (name)
            {
                case "companies.csv":
                    new CsvDataset(path).Save(ToDataTable(companies, PandasFloatText));
                    break;
                case "reviews.csv":
                    new CsvDataset(path).Save(ToDataTable(reviews, PandasFloatText));
                    break;
                default:
                    new ExcelDataset(path).Save(ToDataTable(shuttles, cell => cell));
                    break;
            }
        });

        return FileNames;
    }

    /// <summary>Generates the three raw tables.</summary>
    /// <param name="size">How much data to generate.</param>
    /// <param name="seed">The seed; the same seed and size give the same tables.</param>
    /// <returns>The companies, reviews and shuttles tables.</returns>
    public static (RawTable Companies, RawTable Reviews, RawTable Shuttles) Generate(RawDataSize size, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(size);
        var random = new Random(seed);

        var companyIds = UniqueIds(random, size.Companies);
        var companyRows = new List<object?[]>(size.Companies);
        var ratings = new double[size.Companies];
        var approved = new bool[size.Companies];
        for (var i = 0; i < size.Companies; i++)
        {
            ratings[i] = Math.Clamp(Math.Round(100 - Math.Abs(Normal(random) * 15)), 20, 100) / 100;
            approved[i] = random.NextDouble() < 0.35;
            var fleet = 1.0 + Math.Floor(-Math.Log(1 - random.NextDouble()) * 2);
            companyRows.Add(
            [
                companyIds[i],
                Maybe(random, 0.12, Percent(ratings[i])),
                Maybe(random, 0.003, Pick(random, Locations)),
                Maybe(random, 0.015, (object)fleet),
                approved[i] ? "t" : "f",
            ]);
        }

        var shuttleIds = UniqueIds(random, size.Shuttles);
        var shuttleRows = new List<object?[]>(size.Shuttles);
        var reviewRows = new List<object?[]>(size.Shuttles);
        for (var i = 0; i < size.Shuttles; i++)
        {
            var company = random.Next(size.Companies);
            var companyId = random.NextDouble() < 0.005 ? companyIds[company] + (5L * size.Companies) + 1 : companyIds[company];
            var engines = 1 + (random.NextDouble() switch { < 0.55 => 0, < 0.80 => 1, < 0.92 => 2, _ => 3 });
            var capacity = random.Next(1, 9) + (random.NextDouble() < 0.1 ? random.Next(4, 9) : 0);
            var crew = Math.Max(1, (capacity / 2) + random.Next(0, 2));
            var dCheck = random.NextDouble() < 0.08;
            var moon = random.NextDouble() < 0.10;
            var reviewCount = random.NextDouble() < 0.15 ? 0 : 1 + (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 40);
            var rating = Math.Clamp(Math.Round(93 + (Normal(random) * 7)), 20, 100);
            var price = 300 + (250 * engines) + (180 * capacity) + (90 * crew) + (dCheck ? 250 : 0) + (moon ? 300 : 0)
                + (approved[company] ? 350 : 0) + (800 * (ratings[company] - 0.8)) + (15 * (rating - 90)) + (Normal(random) * 500);
            price = Math.Max(100, Math.Round(price));

            shuttleRows.Add(
            [
                shuttleIds[i],
                Maybe(random, 0.002, Pick(random, Locations)),
                Pick(random, ShuttleTypes),
                Pick(random, EngineTypes),
                Pick(random, EngineVendors),
                Maybe(random, 0.005, (object)(double)engines),
                (long)capacity,
                random.NextDouble() switch { < 0.45 => "strict", < 0.75 => "flexible", _ => "moderate" },
                Maybe(random, 0.008, (object)(double)crew),
                dCheck ? "t" : "f",
                moon ? "t" : "f",
                "$" + price.ToString("#,##0.0", CultureInfo.InvariantCulture),
                companyId,
            ]);

            var scores = new object?[7];
            scores[0] = reviewCount == 0 ? null : Maybe(random, 0.01, (object)rating);
            for (var s = 1; s < scores.Length; s++)
            {
                scores[s] = reviewCount == 0 ? null : Maybe(random, 0.01, (object)Math.Clamp(Math.Round((rating / 10) + (Normal(random) * 0.7)), 2, 10));
            }

            object? perMonth = reviewCount == 0 ? null : Math.Round(reviewCount / (1 + (random.NextDouble() * 40)), 2);
            reviewRows.Add([shuttleIds[i], .. scores, (long)reviewCount, perMonth]);
        }

        return (
            new RawTable(["id", "company_rating", "company_location", "total_fleet_count", "iata_approved"], companyRows),
            new RawTable(
                ["shuttle_id", "review_scores_rating", "review_scores_comfort", "review_scores_amenities", "review_scores_trip",
                 "review_scores_crew", "review_scores_location", "review_scores_price", "number_of_reviews", "reviews_per_month"],
                reviewRows),
            new RawTable(
                ["id", "shuttle_location", "shuttle_type", "engine_type", "engine_vendor", "engines", "passenger_capacity",
                 "cancellation_policy", "crew", "d_check_complete", "moon_clearance_complete", "price", "company_id"],
                shuttleRows));
    }

    /// <summary>The table as a <see cref="DataTable"/> of <see cref="object"/> columns, in the table's column order.</summary>
    /// <param name="table">The table.</param>
    /// <param name="cell">Shapes each non-missing cell for the file.</param>
    /// <returns>The data table; missing cells are <see cref="DBNull"/>.</returns>
    private static DataTable ToDataTable(RawTable table, Func<object, object> cell)
    {
        var result = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var column in table.Columns)
        {
            result.Columns.Add(column, typeof(object));
        }

        result.BeginLoadData();
        foreach (var row in table.Rows)
        {
            result.Rows.Add(Array.ConvertAll(row, value => value is null ? DBNull.Value : cell(value)));
        }

        result.EndLoadData();
        return result;
    }

    /// <summary>
    /// A float cell as pandas writes it to CSV, always with a decimal point (<c>97.0</c>, <c>0.35</c>); other cells as they
    /// are. <see cref="CsvDataset"/> writes a <see cref="double"/> in its shortest round-trip form (<c>97</c>), which
    /// would make the starter's float columns (<c>total_fleet_count</c>, the review scores) look like integers.
    /// </summary>
    /// <param name="value">The cell.</param>
    /// <returns>The cell to save.</returns>
    private static object PandasFloatText(object value) =>
        value is double number ? number.ToString("0.0###############", CultureInfo.InvariantCulture) : value;

    private static long[] UniqueIds(Random random, int count)
    {
        var ids = Enumerable.Range(1, count * 5).Select(i => (long)i).ToArray();
        random.Shuffle(ids);
        return ids[..count];
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static object? Maybe(Random random, double missingRate, object value) => random.NextDouble() < missingRate ? null : value;

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

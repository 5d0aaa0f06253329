using System.Globalization;
using Microsoft.Data.Analysis;
using Spaceflights.Frames;

namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>The nodes of the <c>data_processing</c> pipeline.</summary>
internal static class DataProcessingNodes
{
    /// <summary>Preprocesses the companies: <c>company_rating</c> becomes a fraction and <c>iata_approved</c> a boolean.</summary>
    /// <param name="companies">The raw companies.</param>
    /// <returns>The companies with the two columns converted.</returns>
    public static DataFrame PreprocessCompanies(DataFrame companies)
    {
        companies["iata_approved"] = IsTrue(companies["iata_approved"]);
        companies["company_rating"] = ParsePercentage(companies["company_rating"]);
        return companies;
    }

    /// <summary>Preprocesses the shuttles: <c>price</c> becomes a number and the two checks booleans.</summary>
    /// <param name="shuttles">The raw shuttles.</param>
    /// <returns>The shuttles with the three columns converted.</returns>
    public static DataFrame PreprocessShuttles(DataFrame shuttles)
    {
        shuttles["d_check_complete"] = IsTrue(shuttles["d_check_complete"]);
        shuttles["moon_clearance_complete"] = IsTrue(shuttles["moon_clearance_complete"]);
        shuttles["price"] = ParseMoney(shuttles["price"]);
        return shuttles;
    }

    /// <summary>Combines all data into the model input table: shuttles with their reviews and their companies, complete rows only.</summary>
    /// <param name="shuttles">The preprocessed shuttles.</param>
    /// <param name="companies">The preprocessed companies.</param>
    /// <param name="reviews">The raw reviews.</param>
    /// <returns>The model input table.</returns>
    public static DataFrame CreateModelInputTable(DataFrame shuttles, DataFrame companies, DataFrame reviews)
    {
        var ratedShuttles = Tables.InnerMerge(shuttles, reviews, leftOn: "id", rightOn: "shuttle_id");
        ratedShuttles.Columns.Remove("id");
        var modelInputTable = Tables.InnerMerge(ratedShuttles, companies, leftOn: "company_id", rightOn: "id");
        return Tables.DropNa(modelInputTable);
    }

    /// <summary><c>"t"</c> is <see langword="true"/>; anything else, a missing value included, <see langword="false"/>.</summary>
    private static BooleanDataFrameColumn IsTrue(DataFrameColumn x) => new(x.Name, Texts(x).Select(v => v == "t"));

    /// <summary><c>"90%"</c> is 0.9; a missing value stays missing.</summary>
    private static DoubleDataFrameColumn ParsePercentage(DataFrameColumn x) =>
        new(x.Name, Texts(x).Select((v, row) => Number(x, row, v?.Replace("%", "", StringComparison.Ordinal)) / 100));

    /// <summary><c>"$1,325.0"</c> is 1325.0; a missing value stays missing.</summary>
    private static DoubleDataFrameColumn ParseMoney(DataFrameColumn x) =>
        new(x.Name, Texts(x).Select((v, row) => Number(x, row, v?.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal))));

    private static IEnumerable<string?> Texts(DataFrameColumn x) =>
        x.Cast<object?>().Select((v, row) => v is null or string ? (string?)v
            : throw new FormatException($"Column '{x.Name}' row {row} holds {v} ({v.GetType().Name}); expected text such as 't', '90%' or '$1,325.0'."));

    private static double? Number(DataFrameColumn x, int row, string? text) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : throw new FormatException($"Column '{x.Name}' row {row}: could not convert '{x[row]}' to a number; expected text such as '90%' or '$1,325.0'.");
}

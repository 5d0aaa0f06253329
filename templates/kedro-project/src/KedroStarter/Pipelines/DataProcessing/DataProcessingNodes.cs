using System.Globalization;
using Kedro.Framework;
using Microsoft.Extensions.Logging;

namespace KedroStarter.Pipelines.DataProcessing;

/// <summary>The node functions of the <c>data_processing</c> pipeline: plain static methods, easy to test on their own.</summary>
public static partial class DataProcessingNodes
{
    /// <summary>Parses prices such as <c>"$1,325.0"</c> and drops the shuttles with a missing value.</summary>
    /// <param name="shuttles">The raw shuttles.</param>
    /// <returns>The complete shuttles, in the same order.</returns>
    public static List<PreprocessedShuttle> PreprocessShuttles(List<Shuttle> shuttles) =>
    [
        .. shuttles
            .Where(s => s is { ShuttleType: not null, EngineType: not null, PassengerCapacity: not null, Price: not null })
            .Select(s => new PreprocessedShuttle
            {
                Id = s.Id,
                ShuttleType = s.ShuttleType!,
                EngineType = s.EngineType!,
                PassengerCapacity = s.PassengerCapacity!.Value,
                Price = ParseMoney(s.Price!),
            }),
    ];

    /// <summary>Summarises the prices of the shuttles that take at least <paramref name="minCapacity"/> passengers, by engine type.</summary>
    /// <param name="shuttles">The preprocessed shuttles.</param>
    /// <param name="minCapacity">The smallest passenger capacity to include (<c>params:min_capacity</c>).</param>
    /// <returns>The number of shuttles, the mean price, and the mean price of each engine type.</returns>
    public static Dictionary<string, object> SummarisePrices(List<PreprocessedShuttle> shuttles, long minCapacity)
    {
        var selected = shuttles.Where(s => s.PassengerCapacity >= minCapacity).ToList();
        var mean = selected.Count == 0 ? 0 : Math.Round(selected.Average(s => s.Price), 2);
        var logger = KedroLogging.CreateLogger(typeof(DataProcessingNodes).FullName!);
        LogSummary(logger, selected.Count, minCapacity, mean);
        return new Dictionary<string, object>
        {
            ["shuttles"] = selected.Count,
            ["mean_price"] = mean,
            ["mean_price_by_engine_type"] = selected
                .GroupBy(s => s.EngineType, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Math.Round(g.Average(s => s.Price), 2), StringComparer.Ordinal),
        };
    }

    /// <summary>Parses money text: <c>"$1,325.0"</c> is 1325.0.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The amount.</returns>
    public static double ParseMoney(string text) =>
        double.Parse(text.Replace("$", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal),
            NumberStyles.Float, CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} shuttles take at least {MinCapacity} passengers; their mean price is {Mean}.")]
    private static partial void LogSummary(ILogger logger, int count, long minCapacity, double mean);
}

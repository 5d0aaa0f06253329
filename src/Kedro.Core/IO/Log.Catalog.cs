using Microsoft.Extensions.Logging;

namespace Kedro;

/// <summary>Log messages of the data catalog and dataset factories (EventIds 2500-2999), in Kedro's words.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Warning, Message = "Replacing dataset '{DatasetName}'")]
    internal static partial void ReplacingDataset(this ILogger logger, string datasetName);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning,
        Message = "Cannot register dataset '{DatasetName}' from config: a dataset with the same name was already provided in the `datasets` argument.")]
    internal static partial void DatasetAlreadyProvided(this ILogger logger, string datasetName);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "Loading data from {DatasetName} ({DatasetType})...")]
    internal static partial void LoadingData(this ILogger logger, string datasetName, string datasetType);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "Saving data to {DatasetName} ({DatasetType})...")]
    internal static partial void SavingData(this ILogger logger, string datasetName, string datasetType);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Information, Message = "Confirming dataset '{DatasetName}'")]
    internal static partial void ConfirmingDataset(this ILogger logger, string datasetName);

    [LoggerMessage(EventId = 2505, Level = LogLevel.Warning,
        Message = "Config from the dataset pattern '{Pattern}' in the catalog will be used to override the default dataset creation for '{DatasetName}'")]
    internal static partial void CatchAllPatternUsed(this ILogger logger, string pattern, string datasetName);

    [LoggerMessage(EventId = 2506, Level = LogLevel.Warning,
        Message = "Since runtime patterns are not provided, setting the runtime pattern to default value: {RuntimePatterns}")]
    internal static partial void RuntimePatternsDefaulted(this ILogger logger, string runtimePatterns);

    [LoggerMessage(EventId = 2507, Level = LogLevel.Debug, Message = "Adding input data {DatasetName} as a default MemoryDataset")]
    internal static partial void AddingInputData(this ILogger logger, string datasetName);

    [LoggerMessage(EventId = 2508, Level = LogLevel.Warning,
        Message = "'version' attribute removed from dataset configuration since it is a reserved word and cannot be directly specified")]
    internal static partial void VersionAttributeRemoved(this ILogger logger);

    [LoggerMessage(EventId = 2509, Level = LogLevel.Warning,
        Message = "Since kedro-datasets 2.0, 'Dataset' is spelled with a lowercase 's'. Got '{DatasetType}'.")]
    internal static partial void DatasetSpelling(this ILogger logger, string datasetType);
}

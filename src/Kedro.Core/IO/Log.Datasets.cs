using Microsoft.Extensions.Logging;

namespace Kedro;

/// <summary>Source-generated log messages of the datasets (event ids 2000-2499).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Loading {Dataset}")]
    internal static partial void LoadingDataset(this ILogger logger, string dataset);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Saving {Dataset}")]
    internal static partial void SavingDataset(this ILogger logger, string dataset);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Checking whether target of {Dataset} exists")]
    internal static partial void CheckingDatasetExists(this ILogger logger, string dataset);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Releasing {Dataset}")]
    internal static partial void ReleasingDataset(this ILogger logger, string dataset);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "'exists()' not implemented for '{ClassName}'. Assuming output does not exist.")]
    internal static partial void ExistsNotImplemented(this ILogger logger, string className);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning,
        Message = "'{TypeName}' is a subclass of AbstractDataset and it must implement the 'DescribeCore' method following the signature of AbstractDataset's 'DescribeCore'.")]
    internal static partial void DescribeNotImplemented(this ILogger logger, string typeName);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Save version '{SaveVersion}' did not match load version '{LoadVersion}' for {Dataset}. This is strongly discouraged due to inconsistencies it may cause between 'save' and 'load' operations. Please refrain from setting exact load version for intermediate datasets where possible to avoid this warning.")]
    internal static partial void SaveVersionMismatch(this ILogger logger, string saveVersion, string loadVersion, string dataset);
}

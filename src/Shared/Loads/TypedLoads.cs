using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Shared.Loads;

/// <summary>
/// The frame around a dataset's typed load, as <see cref="AbstractDataset{T}"/> frames its untyped one: a debug line,
/// and any failure other than a <see cref="DatasetException"/> or a cancellation wrapped with the dataset's description.
/// </summary>
internal static class TypedLoads
{
    private static readonly Action<ILogger, string, string, Exception?> LoadingAs = LoggerMessage.Define<string, string>(
        LogLevel.Debug, new EventId(6000, "LoadingDatasetAs"), "Loading {Dataset} as '{Type}'");

    public static object? Run(object dataset, ILogger logger, Type requestedType, Func<Type, object?> load)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LoadingAs(logger, dataset.ToString() ?? string.Empty, TypeNames.Of(requestedType), null);
        }

        try
        {
            return load(requestedType);
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw new DatasetException(DatasetFailureText.LoadFailed(dataset, exception.Message), exception);
        }
    }

    public static async ValueTask<object?> RunAsync(
        object dataset, ILogger logger, Type requestedType, Func<Type, CancellationToken, ValueTask<object?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LoadingAs(logger, dataset.ToString() ?? string.Empty, TypeNames.Of(requestedType), null);
        }

        try
        {
            return await load(requestedType, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw new DatasetException(DatasetFailureText.LoadFailed(dataset, exception.Message), exception);
        }
    }
}

using Kedro.IO;
using Microsoft.Extensions.Logging;

namespace Kedro.Datasets.Internal;

/// <summary>
/// The frame around a dataset's typed load, as <see cref="AbstractDataset{T}"/> frames its untyped one: a debug line,
/// and any failure other than a <see cref="DatasetException"/> or a cancellation wrapped with the dataset's description.
/// </summary>
internal static class TypedLoads
{
    public static object? Run(object dataset, ILogger logger, Type requestedType, Func<Type, object?> load)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LoadingDatasetAs(dataset.ToString() ?? string.Empty, TypeNames.Of(requestedType));
        }

        try
        {
            return load(requestedType);
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw FileDatasetErrors.LoadFailed(dataset, exception);
        }
    }

    public static async ValueTask<object?> RunAsync(
        object dataset, ILogger logger, Type requestedType, Func<Type, CancellationToken, ValueTask<object?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LoadingDatasetAs(dataset.ToString() ?? string.Empty, TypeNames.Of(requestedType));
        }

        try
        {
            return await load(requestedType, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw FileDatasetErrors.LoadFailed(dataset, exception);
        }
    }
}

using Kedro.IO.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kedro.IO;

/// <summary>
/// The base class of datasets holding data of type <typeparamref name="T"/> (Kedro's <c>AbstractDataset</c>).
/// Implement <see cref="LoadCore"/>, <see cref="SaveCore"/> and <see cref="DescribeCore"/>, and usually
/// <see cref="ExistsCore"/>; the base class logs every call at debug level, refuses to save <see langword="null"/>
/// or data of another type, and wraps failures in a <see cref="DatasetException"/> naming the dataset.
/// </summary>
/// <typeparam name="T">The type of the data the dataset loads and saves.</typeparam>
public abstract class AbstractDataset<T> : IDataset
{
    /// <summary>Where the dataset logs; <see cref="NullLogger.Instance"/> unless set.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <inheritdoc/>
    /// <remarks><see langword="false"/> unless overridden: the data is persisted.</remarks>
    public virtual bool IsEphemeral => false;

    /// <inheritdoc/>
    /// <remarks><see langword="false"/> unless overridden.</remarks>
    public virtual bool IsSingleProcess => false;

    /// <inheritdoc/>
    /// <exception cref="DatasetException">The load failed; any other exception is wrapped with the dataset's description.</exception>
    public object? Load()
    {
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.LoadingDataset(ToString());
        }

        try
        {
            return LoadWrapped();
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw DatasetErrors.LoadFailed(this, exception);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="DatasetException">The data is <see langword="null"/> or not a <typeparamref name="T"/>, or the save failed.</exception>
    public void Save(object? data)
    {
        var typed = Prepare(data);
        try
        {
            SaveWrapped(typed);
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw DatasetErrors.SaveFailed(this, exception);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="DatasetException">The check failed.</exception>
    public bool Exists()
    {
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.CheckingDatasetExists(ToString());
        }

        try
        {
            return ExistsWrapped();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw DatasetErrors.ExistsFailed(this, exception);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="DatasetException">The release failed.</exception>
    public void Release()
    {
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.ReleasingDataset(ToString());
        }

        try
        {
            ReleaseWrapped();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw DatasetErrors.ReleaseFailed(this, exception);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object?> Describe() =>
        DescribeCore() ?? new Dictionary<string, object?>();

    /// <inheritdoc/>
    /// <exception cref="DatasetException">The load failed; any other exception is wrapped with the dataset's description.</exception>
    /// <exception cref="OperationCanceledException">The load was cancelled.</exception>
    public async ValueTask<object?> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.LoadingDataset(ToString());
        }

        try
        {
            return await LoadWrappedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw DatasetErrors.LoadFailed(this, exception);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="DatasetException">The data is <see langword="null"/> or not a <typeparamref name="T"/>, or the save failed.</exception>
    /// <exception cref="OperationCanceledException">The save was cancelled.</exception>
    public async ValueTask SaveAsync(object? data, CancellationToken cancellationToken = default)
    {
        var typed = Prepare(data);
        try
        {
            await SaveWrappedAsync(typed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not DatasetException and not OperationCanceledException)
        {
            throw DatasetErrors.SaveFailed(this, exception);
        }
    }

    /// <summary>
    /// Prints the dataset as Kedro does, from <see cref="DescribeCore"/>: <c>Namespace.Type(key=value, ...)</c>, strings
    /// single-quoted, entries whose value is <see langword="null"/> left out.
    /// </summary>
    /// <returns>For example <c>Kedro.IO.MemoryDataset(data='&lt;int&gt;')</c>.</returns>
    public override string ToString()
    {
        var description = DescribeCore();
        if (description is null)
        {
            var typeName = TypeNames.Qualified(GetType());
            Logger.DescribeNotImplemented(typeName);
            return typeName + "()";
        }

        return DatasetRepr.Format(GetType(), description);
    }

    /// <summary>Loads the data.</summary>
    /// <returns>The data.</returns>
    protected abstract T LoadCore();

    /// <summary>Saves the data.</summary>
    /// <param name="data">The data, never <see langword="null"/>.</param>
    protected abstract void SaveCore(T data);

    /// <summary>Describes the dataset's configuration for <see cref="Describe"/> and <see cref="ToString"/>; never credentials.</summary>
    /// <returns>Key and value pairs.</returns>
    protected abstract IReadOnlyDictionary<string, object?> DescribeCore();

    /// <summary>Whether there is data to load. The default logs a warning and returns <see langword="false"/>, as Kedro does.</summary>
    /// <returns><see langword="true"/> when there is data to load.</returns>
    protected virtual bool ExistsCore()
    {
        Logger.ExistsNotImplemented(GetType().Name);
        return false;
    }

    /// <summary>Drops data held in memory. The default does nothing.</summary>
    protected virtual void ReleaseCore()
    {
    }

    /// <summary>Loads the data without blocking on I/O. The default calls <see cref="LoadCore"/>.</summary>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The data.</returns>
    protected virtual ValueTask<T> LoadCoreAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<T>(LoadCore());
    }

    /// <summary>Saves the data without blocking on I/O. The default calls <see cref="SaveCore"/>.</summary>
    /// <param name="data">The data, never <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the save.</param>
    /// <returns>A task that completes when the data is saved.</returns>
    protected virtual ValueTask SaveCoreAsync(T data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SaveCore(data);
        return ValueTask.CompletedTask;
    }

    // Extension points for AbstractVersionedDataset (Kedro's versioned wrappers around load/save/exists/release).
    private protected virtual T LoadWrapped() => LoadCore();

    private protected virtual ValueTask<T> LoadWrappedAsync(CancellationToken cancellationToken) => LoadCoreAsync(cancellationToken);

    private protected virtual void SaveWrapped(T data) => SaveCore(data);

    private protected virtual ValueTask SaveWrappedAsync(T data, CancellationToken cancellationToken) =>
        SaveCoreAsync(data, cancellationToken);

    private protected virtual bool ExistsWrapped() => ExistsCore();

    private protected virtual void ReleaseWrapped() => ReleaseCore();

    private T Prepare(object? data)
    {
        if (data is null)
        {
            throw DatasetErrors.SaveNull();
        }

        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.SavingDataset(ToString());
        }

        return data is T typed ? typed : throw DatasetErrors.WrongType(this, typeof(T), data.GetType());
    }
}

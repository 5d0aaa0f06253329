using Kedro.Conversion;
using Kedro.IO.Internal;

namespace Kedro.IO;

/// <content>Loading, saving and the other calls runners make, with Kedro's messages.</content>
public partial class DataCatalog
{
    /// <summary>Loads a dataset's data; logs <c>Loading data from {name} ({Type})...</c>.</summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="version">The version to load, for a versioned dataset.</param>
    /// <returns>The data.</returns>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The load failed; the message starts with <c>{name}: </c>.</exception>
    public object? Load(string name, string? version = null)
    {
        var dataset = GetForLoad(name, version);
        try
        {
            return dataset.Load();
        }
        catch (DatasetException e)
        {
            throw WithName(name, e);
        }
    }

    /// <summary>Loads a dataset's data as a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The expected type of the data.</typeparam>
    /// <param name="name">The dataset name.</param>
    /// <param name="version">The version to load, for a versioned dataset.</param>
    /// <returns>The data.</returns>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The load failed, or the data is not a <typeparamref name="T"/> (the message names the dataset and both types).</exception>
    public T Load<T>(string name, string? version = null) => As<T>(name, Load(name, typeof(T), version));

    /// <summary>
    /// Loads a dataset's data as <paramref name="requestedType"/>: an <see cref="ITypedLoadDataset"/> is asked for that
    /// type, and a value that is not one is converted when that is safe (numbers between numeric types, strings to
    /// enums, configuration dictionaries and lists to records, classes and collections).
    /// </summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="requestedType">The type wanted; <see cref="object"/> loads the dataset's untyped value.</param>
    /// <param name="version">The version to load, for a versioned dataset.</param>
    /// <returns>The data, an instance of <paramref name="requestedType"/> (or <see langword="null"/> when it accepts null).</returns>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The load failed, or the data cannot be made a <paramref name="requestedType"/> (the message names the dataset and both types).</exception>
    public object? Load(string name, Type requestedType, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        return ConvertLoaded(name, LoadUnconverted(name, requestedType, version), requestedType);
    }

    /// <summary>Loads a dataset's data without blocking a thread while it waits for I/O.</summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The data.</returns>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The load failed; the message starts with <c>{name}: </c>.</exception>
    public ValueTask<object?> LoadAsync(string name, CancellationToken cancellationToken = default) =>
        LoadAsync(name, (string?)null, cancellationToken);

    /// <summary>Loads a version of a dataset's data without blocking a thread while it waits for I/O.</summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="version">The version to load, for a versioned dataset.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The data.</returns>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The load failed; the message starts with <c>{name}: </c>.</exception>
    public async ValueTask<object?> LoadAsync(string name, string? version, CancellationToken cancellationToken = default)
    {
        var dataset = GetForLoad(name, version);
        try
        {
            return await dataset.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DatasetException e)
        {
            throw WithName(name, e);
        }
    }

    /// <summary>Loads a dataset's data as a <typeparamref name="T"/> without blocking a thread while it waits for I/O.</summary>
    /// <typeparam name="T">The expected type of the data.</typeparam>
    /// <param name="name">The dataset name.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The data.</returns>
    /// <exception cref="DatasetException">The load failed, or the data is not a <typeparamref name="T"/>.</exception>
    public async ValueTask<T> LoadAsync<T>(string name, CancellationToken cancellationToken = default) =>
        As<T>(name, await LoadAsync(name, typeof(T), null, cancellationToken).ConfigureAwait(false));

    /// <summary>Loads a dataset's data as <paramref name="requestedType"/> without blocking a thread while it waits for I/O.</summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="requestedType">The type wanted; <see cref="object"/> loads the dataset's untyped value.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The data, an instance of <paramref name="requestedType"/> (or <see langword="null"/> when it accepts null).</returns>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The load failed, or the data cannot be made a <paramref name="requestedType"/>.</exception>
    public ValueTask<object?> LoadAsync(string name, Type requestedType, CancellationToken cancellationToken = default) =>
        LoadAsync(name, requestedType, null, cancellationToken);

    /// <summary>Loads a version of a dataset's data as <paramref name="requestedType"/> without blocking a thread while it waits for I/O.</summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="requestedType">The type wanted; <see cref="object"/> loads the dataset's untyped value.</param>
    /// <param name="version">The version to load, for a versioned dataset.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <returns>The data, an instance of <paramref name="requestedType"/> (or <see langword="null"/> when it accepts null).</returns>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The load failed, or the data cannot be made a <paramref name="requestedType"/>.</exception>
    public async ValueTask<object?> LoadAsync(string name, Type requestedType, string? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        var value = await LoadUnconvertedAsync(name, requestedType, version, cancellationToken).ConfigureAwait(false);
        return ConvertLoaded(name, value, requestedType);
    }

    /// <summary>Loads through <see cref="ITypedLoadDataset"/> when the dataset is one, without converting the result.</summary>
    internal object? LoadUnconverted(string name, Type requestedType, string? version = null)
    {
        var dataset = GetForLoad(name, version);
        try
        {
            return dataset is ITypedLoadDataset typed ? typed.Load(requestedType) : dataset.Load();
        }
        catch (DatasetException e)
        {
            throw WithName(name, e);
        }
    }

    /// <summary>Loads through <see cref="ITypedLoadDataset"/> when the dataset is one, without converting the result.</summary>
    internal async ValueTask<object?> LoadUnconvertedAsync(string name, Type requestedType, string? version, CancellationToken cancellationToken)
    {
        var dataset = GetForLoad(name, version);
        try
        {
            return dataset is ITypedLoadDataset typed
                ? await typed.LoadAsync(requestedType, cancellationToken).ConfigureAwait(false)
                : await dataset.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DatasetException e)
        {
            throw WithName(name, e);
        }
    }

    /// <summary>Saves data to a dataset; logs <c>Saving data to {name} ({Type})...</c>.</summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="data">The data; <see langword="null"/> is refused by datasets.</param>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The save failed; the message starts with <c>{name}: </c>.</exception>
    public void Save(string name, object? data)
    {
        var dataset = this[name];
        _logger.SavingData(name, dataset.GetType().Name);
        try
        {
            dataset.Save(data);
        }
        catch (DatasetException e)
        {
            throw WithName(name, e);
        }
    }

    /// <summary>Saves data to a dataset without blocking a thread while it waits for I/O.</summary>
    /// <param name="name">The dataset name.</param>
    /// <param name="data">The data; <see langword="null"/> is refused by datasets.</param>
    /// <param name="cancellationToken">Stops the save.</param>
    /// <returns>A task that completes when the data is saved.</returns>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The save failed; the message starts with <c>{name}: </c>.</exception>
    public async ValueTask SaveAsync(string name, object? data, CancellationToken cancellationToken = default)
    {
        var dataset = this[name];
        _logger.SavingData(name, dataset.GetType().Name);
        try
        {
            await dataset.SaveAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (DatasetException e)
        {
            throw WithName(name, e);
        }
    }

    /// <summary>Whether a dataset has data; <see langword="false"/> for a name not in the catalog (no error).</summary>
    /// <param name="name">The dataset name.</param>
    /// <returns><see langword="true"/> when the dataset exists and has data.</returns>
    public bool Exists(string name) => Get(name)?.Exists() ?? false;

    /// <summary>Releases the data a dataset holds in memory.</summary>
    /// <param name="name">The dataset name.</param>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    public void Release(string name) => this[name].Release();

    /// <summary>Confirms a dataset (see <see cref="IConfirmableDataset"/>); logs <c>Confirming dataset '{name}'</c>.</summary>
    /// <param name="name">The dataset name.</param>
    /// <exception cref="DatasetNotFoundException">The name is not in the catalog.</exception>
    /// <exception cref="DatasetException">The dataset has no confirm step.</exception>
    public void Confirm(string name)
    {
        _logger.ConfirmingDataset(name);
        if (this[name] is IConfirmableDataset confirmable)
        {
            confirmable.Confirm();
        }
        else
        {
            throw CatalogErrors.NoConfirm(name);
        }
    }

    private static T As<T>(string name, object? value)
    {
        if (value is T typed)
        {
            return typed;
        }

        if (value is null && default(T) is null)
        {
            return default!;
        }

        throw CatalogErrors.WrongLoadedType(name, value, typeof(T));
    }

    private static object? ConvertLoaded(string name, object? value, Type requestedType)
    {
        if (ValueConversion.TryConvert(value, requestedType, out var converted, out var reason))
        {
            return converted;
        }

        throw reason is null
            ? CatalogErrors.WrongLoadedType(name, value, requestedType)
            : CatalogErrors.NotConvertible(name, value, requestedType, reason);
    }

    /// <summary>Kedro re-raises a dataset's error as <c>{name}: {message}</c>; the exception type is kept.</summary>
    private static DatasetException WithName(string name, DatasetException e)
    {
        var message = $"{name}: {e.Message}";
        return e switch
        {
            VersionNotFoundException => new VersionNotFoundException(message, e),
            VersionAlreadyExistsException => new VersionAlreadyExistsException(message, e),
            DatasetNotFoundException => new DatasetNotFoundException(message, e),
            DatasetAlreadyExistsException => new DatasetAlreadyExistsException(message, e),
            _ => new DatasetException(message, e),
        };
    }

    private IDataset GetForLoad(string name, string? version)
    {
        var dataset = Get(name, version: version is null ? null : new DatasetVersion(version, null))
            ?? throw CatalogErrors.NotFound(name);
        _logger.LoadingData(name, dataset.GetType().Name);
        return dataset;
    }
}

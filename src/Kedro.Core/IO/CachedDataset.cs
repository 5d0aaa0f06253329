namespace Kedro.IO;

/// <summary>
/// Wraps a dataset and keeps what was last loaded or saved in memory (Kedro's <c>CachedDataset</c>): a load is
/// served from the cache when it holds data, otherwise from the wrapped dataset (and then cached); a save goes to
/// the wrapped dataset and then to the cache. A typed load (<see cref="ITypedLoadDataset"/>) is served from the cache
/// when the cached value already is of the requested type, otherwise from the wrapped dataset. Not shared with worker
/// processes.
/// </summary>
public sealed class CachedDataset : AbstractDataset<object?>, ITypedLoadDataset
{
    private readonly MemoryDataset _cache;

    /// <summary>Wraps a dataset.</summary>
    /// <param name="dataset">The dataset to cache.</param>
    /// <param name="copyMode">The cache's copy mode; <see langword="null"/> chooses per value (see <see cref="CopyMode"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is <see langword="null"/>.</exception>
    public CachedDataset(IDataset dataset, CopyMode? copyMode = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Dataset = dataset;
        _cache = copyMode is { } mode ? MemoryDataset.Empty(mode) : new MemoryDataset();
    }

    /// <summary>The wrapped dataset.</summary>
    public IDataset Dataset { get; }

    /// <inheritdoc/>
    /// <remarks>Always <see langword="true"/>.</remarks>
    public override bool IsEphemeral => true;

    /// <inheritdoc/>
    /// <remarks>Always <see langword="true"/>: the cache lives in this process.</remarks>
    public override bool IsSingleProcess => true;

    /// <inheritdoc/>
    public object? Load(Type requestedType)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        if (_cache.Exists())
        {
            var cached = _cache.Load();
            if (requestedType == typeof(object) || requestedType.IsInstanceOfType(cached) || Dataset is not ITypedLoadDataset)
            {
                return cached;
            }
        }

        var data = Dataset is ITypedLoadDataset typed ? typed.Load(requestedType) : Dataset.Load();
        _cache.Save(data);
        return data;
    }

    /// <inheritdoc/>
    public async ValueTask<object?> LoadAsync(Type requestedType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestedType);
        if (_cache.Exists())
        {
            var cached = _cache.Load();
            if (requestedType == typeof(object) || requestedType.IsInstanceOfType(cached) || Dataset is not ITypedLoadDataset)
            {
                return cached;
            }
        }

        var data = Dataset is ITypedLoadDataset typed
            ? await typed.LoadAsync(requestedType, cancellationToken).ConfigureAwait(false)
            : await Dataset.LoadAsync(cancellationToken).ConfigureAwait(false);
        _cache.Save(data);
        return data;
    }

    /// <inheritdoc/>
    protected override object? LoadCore()
    {
        if (_cache.Exists())
        {
            return _cache.Load();
        }

        var data = Dataset.Load();
        _cache.Save(data);
        return data;
    }

    /// <inheritdoc/>
    protected override async ValueTask<object?> LoadCoreAsync(CancellationToken cancellationToken)
    {
        if (_cache.Exists())
        {
            return _cache.Load();
        }

        var data = await Dataset.LoadAsync(cancellationToken).ConfigureAwait(false);
        _cache.Save(data);
        return data;
    }

    /// <inheritdoc/>
    protected override void SaveCore(object? data)
    {
        Dataset.Save(data);
        _cache.Save(data);
    }

    /// <inheritdoc/>
    protected override async ValueTask SaveCoreAsync(object? data, CancellationToken cancellationToken)
    {
        await Dataset.SaveAsync(data, cancellationToken).ConfigureAwait(false);
        _cache.Save(data);
    }

    /// <inheritdoc/>
    protected override bool ExistsCore() => _cache.Exists() || Dataset.Exists();

    /// <inheritdoc/>
    protected override void ReleaseCore()
    {
        _cache.Release();
        Dataset.Release();
    }

    /// <inheritdoc/>
    /// <remarks><c>dataset</c> and <c>cache</c>: how the wrapped dataset and the cache print.</remarks>
    protected override IReadOnlyDictionary<string, object?> DescribeCore() => new Dictionary<string, object?>
    {
        ["dataset"] = Dataset.ToString(),
        ["cache"] = _cache.ToString(),
    };
}

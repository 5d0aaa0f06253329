using Kedro.IO.Internal;

namespace Kedro.IO;

/// <summary>
/// The base class of file datasets that can keep every saved version (Kedro's <c>AbstractVersionedDataset</c>).
/// With a <see cref="DatasetVersion"/> the data lives at <c>{filepath}/{version}/{basename}</c>, for example
/// <c>data/model.bin/2024-01-15T10.30.00.000Z/model.bin</c>; without one, at <c>{filepath}</c>.
/// Implementations read from <see cref="GetLoadPath"/> and write to <see cref="GetSavePath"/>.
/// </summary>
/// <typeparam name="T">The type of the data the dataset loads and saves.</typeparam>
public abstract class AbstractVersionedDataset<T> : AbstractDataset<T>, IVersionedDataset
{
    private readonly Lock _versionLock = new();
    private string? _cachedLoadVersion;
    private string? _cachedSaveVersion;

    /// <summary>Creates the dataset.</summary>
    /// <param name="filepath">The file's path, used as given (relative paths resolve against the current directory).</param>
    /// <param name="version">The versions to load and save; <see langword="null"/> turns versioning off.</param>
    /// <param name="timeProvider">The clock for save version timestamps; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="filepath"/> is null or empty.</exception>
    /// <exception cref="DatasetException">A version is given for an HTTP(S) path.</exception>
    protected AbstractVersionedDataset(string filepath, DatasetVersion? version, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(filepath);
        if (version is not null
            && (filepath.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || filepath.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            throw DatasetErrors.HttpVersioning();
        }

        FilePath = filepath;
        Version = version;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The versions to load and save; <see langword="null"/> when versioning is off.</summary>
    public DatasetVersion? Version { get; }

    /// <summary>The file's path as given; with versioning, the folder holding one folder per version.</summary>
    protected string FilePath { get; }

    /// <summary>The clock for save version timestamps.</summary>
    protected TimeProvider TimeProvider { get; }

    private string BaseName => Path.GetFileName(FilePath);

    /// <summary>
    /// The version to load: <see cref="DatasetVersion.Load"/> when set, otherwise the newest existing version
    /// (cached until <see cref="AbstractDataset{T}.Release"/> or the next save); <see langword="null"/> without versioning.
    /// </summary>
    /// <returns>The version string.</returns>
    /// <exception cref="VersionNotFoundException">No version exists: <c>Did not find any versions for {dataset}</c>.</exception>
    public string? ResolveLoadVersion()
    {
        if (Version is null)
        {
            return null;
        }

        if (Version.Load is not null)
        {
            return Version.Load;
        }

        lock (_versionLock)
        {
            return _cachedLoadVersion ??= FetchLatestLoadVersion();
        }
    }

    /// <summary>
    /// The version to save: <see cref="DatasetVersion.Save"/> when set, otherwise a timestamp generated once from the
    /// <see cref="TimeProvider"/> (until the cache is cleared); <see langword="null"/> without versioning.
    /// </summary>
    /// <returns>The version string.</returns>
    public string? ResolveSaveVersion()
    {
        if (Version is null)
        {
            return null;
        }

        if (Version.Save is not null)
        {
            return Version.Save;
        }

        lock (_versionLock)
        {
            return _cachedSaveVersion ??= DatasetVersions.GenerateTimestamp(TimeProvider);
        }
    }

    /// <summary>Lists the existing versions, newest first (Kedro's <c>list_versions</c>).</summary>
    /// <param name="fullPath"><see langword="true"/> for the versioned file paths, <see langword="false"/> for the version strings.</param>
    /// <returns>The versions; empty when there are none.</returns>
    public IReadOnlyList<string> ListVersions(bool fullPath = true) =>
        [.. FindVersions().Select(v => fullPath ? v.Path : v.Version)];

    /// <summary>The path to load from: the versioned path of <see cref="ResolveLoadVersion"/>, or <see cref="FilePath"/> without versioning.</summary>
    /// <returns>The path.</returns>
    /// <exception cref="VersionNotFoundException">No version exists.</exception>
    /// <exception cref="DatasetException">The load version is not a safe path component.</exception>
    protected string GetLoadPath() => ResolveLoadVersion() is { } version ? GetVersionedPath(version) : FilePath;

    /// <summary>The path to save to: the versioned path of <see cref="ResolveSaveVersion"/>, or <see cref="FilePath"/> without versioning.</summary>
    /// <returns>The path.</returns>
    /// <exception cref="DatasetException">The versioned path already exists, or the save version is not a safe path component.</exception>
    protected string GetSavePath()
    {
        if (ResolveSaveVersion() is not { } version)
        {
            return FilePath;
        }

        var path = GetVersionedPath(version);
        return PathExists(path) ? throw DatasetErrors.SavePathExists(path, this) : path;
    }

    /// <summary>The path of one version: <c>{filepath}/{version}/{basename}</c>.</summary>
    /// <param name="version">The version string.</param>
    /// <returns>The path.</returns>
    /// <exception cref="DatasetException">The version string is not a single safe path component.</exception>
    protected string GetVersionedPath(string version) => Path.Combine(FilePath, DatasetVersions.Validate(version), BaseName);

    /// <summary>Whether a file or folder exists at a path (Kedro's <c>exists_function</c>).</summary>
    /// <param name="path">The path.</param>
    /// <returns><see langword="true"/> when something exists there.</returns>
    protected virtual bool PathExists(string path) => File.Exists(path) || Directory.Exists(path);

    /// <inheritdoc/>
    /// <remarks>Whether something exists at <see cref="GetLoadPath"/>; <see langword="false"/> when no version exists.</remarks>
    protected override bool ExistsCore() => PathExists(GetLoadPath());

    private protected override T LoadWrapped()
    {
        ResolveLoadVersion();
        return LoadCore();
    }

    private protected override ValueTask<T> LoadWrappedAsync(CancellationToken cancellationToken)
    {
        ResolveLoadVersion();
        return LoadCoreAsync(cancellationToken);
    }

    private protected override void SaveWrapped(T data)
    {
        ClearVersionCache();
        var saveVersion = ResolveSaveVersion();
        try
        {
            SaveCore(data);
        }
        catch (Exception exception) when (IsFileInTheWay(exception))
        {
            throw DatasetErrors.FileInTheWay(FilePath, exception);
        }

        CheckVersionsMatch(saveVersion);
    }

    private protected override async ValueTask SaveWrappedAsync(T data, CancellationToken cancellationToken)
    {
        ClearVersionCache();
        var saveVersion = ResolveSaveVersion();
        try
        {
            await SaveCoreAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsFileInTheWay(exception))
        {
            throw DatasetErrors.FileInTheWay(FilePath, exception);
        }

        CheckVersionsMatch(saveVersion);
    }

    private protected override bool ExistsWrapped()
    {
        try
        {
            return ExistsCore();
        }
        catch (VersionNotFoundException)
        {
            return false;
        }
    }

    private protected override void ReleaseWrapped()
    {
        ReleaseCore();
        ClearVersionCache();
    }

    private void CheckVersionsMatch(string? saveVersion)
    {
        var loadVersion = ResolveLoadVersion();
        if (loadVersion != saveVersion)
        {
            Logger.SaveVersionMismatch(saveVersion ?? "None", loadVersion ?? "None", ToString());
            ClearVersionCache();
        }
    }

    // A plain file where the version folder should go (versioning turned on for data saved without it).
    private bool IsFileInTheWay(Exception exception) =>
        Version is not null && exception is IOException or UnauthorizedAccessException && File.Exists(FilePath);

    private void ClearVersionCache()
    {
        lock (_versionLock)
        {
            _cachedLoadVersion = null;
            _cachedSaveVersion = null;
        }
    }

    private string FetchLatestLoadVersion()
    {
        List<(string Version, string Path)> versions;
        try
        {
            versions = FindVersions();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw DatasetErrors.NoVersions(this, exception);
        }

        return versions.Count > 0 ? versions[0].Version : throw DatasetErrors.NoVersions(this);
    }

    // Kedro's glob of "{filepath}/*/{basename}", newest first, keeping paths that exist.
    private List<(string Version, string Path)> FindVersions()
    {
        var found = new List<(string Version, string Path)>();
        if (!Directory.Exists(FilePath))
        {
            return found;
        }

        foreach (var folder in Directory.EnumerateDirectories(FilePath))
        {
            var version = Path.GetFileName(folder);
            var path = Path.Combine(FilePath, version, BaseName);
            if (PathExists(path))
            {
                found.Add((version, path));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(b.Version, a.Version));
        return found;
    }
}

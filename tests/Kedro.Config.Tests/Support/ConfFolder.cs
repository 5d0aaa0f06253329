namespace Kedro.Config.Tests.Support;

/// <summary>A temporary Kedro 'conf' folder with real files; deleted on dispose.</summary>
public sealed class ConfFolder : IDisposable
{
    private readonly TempFolder _folder = new("kedro-config-tests");

    /// <summary>The configuration folder (Kedro's 'conf').</summary>
    public string Root => _folder.Path;

    /// <summary>Writes a file below the root (folders created); returns its full path.</summary>
    public string Write(string relativePath, string text) => _folder.Write(relativePath, text);

    /// <summary>Creates an empty folder below the root; returns its full path.</summary>
    public string Folder(string relativePath) => _folder.Folder(relativePath);

    public string PathOf(string relativePath) => _folder.PathOf(relativePath);

    /// <summary>A loader over this folder with Kedro's project settings (base + local).</summary>
    public OmegaConfigLoader Loader(
        string? env = null,
        IReadOnlyDictionary<string, object?>? runtimeParams = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? configPatterns = null,
        IReadOnlyDictionary<string, string>? mergeStrategy = null,
        bool ignoreHidden = true) =>
        new(Root, env, runtimeParams, configPatterns: configPatterns, mergeStrategy: mergeStrategy, ignoreHidden: ignoreHidden);

    public void Dispose() => _folder.Dispose();
}

namespace Kedro.Config.Tests.Support;

/// <summary>A temporary Kedro 'conf' folder with real files; deleted on dispose.</summary>
public sealed class ConfFolder : IDisposable
{
    public ConfFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "kedro-config-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The configuration folder (Kedro's 'conf').</summary>
    public string Root { get; }

    /// <summary>Writes a file below the root (folders created); returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Creates an empty folder below the root; returns its full path.</summary>
    public string Folder(string relativePath) => Directory.CreateDirectory(Path.Combine(Root, relativePath)).FullName;

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>A loader over this folder with Kedro's project settings (base + local).</summary>
    public OmegaConfigLoader Loader(
        string? env = null,
        IReadOnlyDictionary<string, object?>? runtimeParams = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? configPatterns = null,
        IReadOnlyDictionary<string, string>? mergeStrategy = null,
        bool ignoreHidden = true) =>
        new(Root, env, runtimeParams, configPatterns: configPatterns, mergeStrategy: mergeStrategy, ignoreHidden: ignoreHidden);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

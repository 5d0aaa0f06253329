namespace Kedro.Testing;

/// <summary>A fresh folder under the system's temporary folder, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder; its name starts with <paramref name="prefix"/> so a leftover says which tests made it.</summary>
    public TempFolder(string prefix = "kedro-tests")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="parts"/> below the folder; nothing is created.</summary>
    public string PathOf(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="text"/> as it is to a file below the folder (creating its folders); returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = PathOf(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>The text of a file below the folder.</summary>
    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>Whether a file below the folder exists.</summary>
    public bool Exists(string relativePath) => File.Exists(PathOf(relativePath));

    /// <summary>Creates a folder below the folder (and its parents); returns its full path.</summary>
    public string Folder(string relativePath) => Directory.CreateDirectory(PathOf(relativePath)).FullName;

    /// <summary>Every file below the folder, relative to it and in ordinal order, to assert that no stray file remains.</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order(StringComparer.Ordinal)];

    /// <summary>Deletes the folder; a file still held open elsewhere leaves it behind rather than failing the test.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

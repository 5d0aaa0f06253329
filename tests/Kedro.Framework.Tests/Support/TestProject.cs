namespace Kedro.Framework.Tests.Support;

/// <summary>A throw-away project folder with a <c>conf/</c> tree, deleted on dispose.</summary>
public sealed class TestProject : IDisposable
{
    public TestProject()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kedro-fw-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "conf", "base"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "conf", "local"));
    }

    public string Path { get; }

    /// <summary>Writes a file under the project folder (creating folders), e.g. <c>conf/base/catalog.yml</c>.</summary>
    public TestProject Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n"));
        return this;
    }

    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    public bool Exists(string relativePath) => File.Exists(System.IO.Path.Combine(Path, relativePath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

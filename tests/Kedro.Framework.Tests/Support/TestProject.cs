namespace Kedro.Framework.Tests.Support;

/// <summary>A throw-away project folder with a <c>conf/</c> tree, deleted on dispose.</summary>
public sealed class TestProject : IDisposable
{
    private readonly TempFolder _folder = new("kedro-fw");

    public TestProject()
    {
        _folder.Folder("conf/base");
        _folder.Folder("conf/local");
    }

    public string Path => _folder.Path;

    /// <summary>Writes a file under the project folder (creating folders) with <c>\n</c> line endings, e.g. <c>conf/base/catalog.yml</c>.</summary>
    public TestProject Write(string relativePath, string content)
    {
        _folder.Write(relativePath, content.ReplaceLineEndings("\n"));
        return this;
    }

    public string Read(string relativePath) => _folder.Read(relativePath);

    public bool Exists(string relativePath) => _folder.Exists(relativePath);

    public void Dispose() => _folder.Dispose();
}

using System.Xml.Linq;

namespace Kedro.Cli.Tests.Template;

/// <summary>
/// The Kedro.NET libraries packed by <c>dotnet pack</c> into a local feed folder, once per test class. The packages get a
/// prerelease version of their own (the repository's version plus a unique suffix), so NuGet's shared global packages
/// folder can never serve a copy packed earlier under the same version; the copies restored from this feed are removed
/// from that folder again on dispose. The libraries were built with the tests, so packing does not build them again.
/// </summary>
public sealed class LocalFeed : IAsyncLifetime, IDisposable
{
    /// <summary>The packable libraries, by package id.</summary>
    public static readonly string[] PackageIds = ["Kedro.Core", "Kedro.Config", "Kedro.Datasets", "Kedro.Framework", "Kedro.Cli"];

    private const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private readonly TempFolder _folder = new("kedro-feed");

    /// <summary>The repository's version: VersionPrefix in its Directory.Build.props.</summary>
    public static string VersionPrefix { get; } = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"))
        .Descendants("VersionPrefix").Single().Value;

    /// <summary>The feed folder, which holds a .nupkg and a .snupkg per library.</summary>
    public string Folder => Path.Combine(_folder.Path, "feed");

    /// <summary>The version of the packages in the feed.</summary>
    public string Version { get; } = $"{VersionPrefix}-test{Guid.NewGuid():N}"[..(VersionPrefix.Length + 17)];

    public async Task InitializeAsync()
    {
        var suffix = Version[(VersionPrefix.Length + 1)..];
        await DotnetProcess.Run(
            Repository.Root, "pack", "Kedro.slnx", "--no-build", "-c", Configuration, "-o", Folder, "--version-suffix", suffix,
            $"-p:NuspecOutputPath={Path.Combine(_folder.Path, "nuspec")}/");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            var restored = Path.Combine(globalPackages, id.ToLowerInvariant(), Version.ToLowerInvariant());
            if (Directory.Exists(restored))
            {
                Directory.Delete(restored, recursive: true);
            }

            var versions = Path.GetDirectoryName(restored)!;
            if (Directory.Exists(versions) && !Directory.EnumerateFileSystemEntries(versions).Any())
            {
                Directory.Delete(versions);
            }
        }

        _folder.Dispose();
    }
}

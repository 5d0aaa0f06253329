namespace Kedro.IO;

/// <summary>
/// The versions a versioned dataset loads and saves (Kedro's <c>Version(load, save)</c>; named
/// <c>DatasetVersion</c> because <c>Version</c> would clash with <see cref="System.Version"/>).
/// </summary>
/// <param name="Load">The version to load; <see langword="null"/> loads the latest existing version.</param>
/// <param name="Save">The version to save; <see langword="null"/> saves under a timestamp generated on first save.</param>
public sealed record DatasetVersion(string? Load, string? Save);

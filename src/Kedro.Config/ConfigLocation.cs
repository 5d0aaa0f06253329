namespace Kedro.Config;

/// <summary>Where a key is written in a configuration file, as <see cref="OmegaConfigLoader.Locate"/> finds it.</summary>
/// <param name="File">The file's path, as the loader found it under its configuration folder.</param>
/// <param name="Line">The 1-based line of the key.</param>
/// <param name="Column">The 1-based column of the key.</param>
public sealed record ConfigLocation(string File, int Line, int Column);

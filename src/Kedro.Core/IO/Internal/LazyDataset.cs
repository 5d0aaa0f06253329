namespace Kedro.IO.Internal;

/// <summary>A catalog entry known from configuration and not yet created (Kedro's <c>_LazyDataset</c>).</summary>
internal sealed record LazyDataset(string Name, Dictionary<string, object?> Config, string? LoadVersion, string? SaveVersion);

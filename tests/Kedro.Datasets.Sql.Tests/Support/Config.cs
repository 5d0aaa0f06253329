namespace Kedro.Datasets.Sql.Tests.Support;

/// <summary>Catalog entries written as Kedro's YAML would load them.</summary>
internal static class Config
{
    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }
}

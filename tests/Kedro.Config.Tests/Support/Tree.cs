namespace Kedro.Config.Tests.Support;

/// <summary>Short ways to build and read config trees in assertions.</summary>
public static class Tree
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

    public static Dictionary<string, object?> At(this Dictionary<string, object?> map, string key) =>
        Assert.IsType<Dictionary<string, object?>>(map[key]);

    public static List<object?> List(params object?[] items) => [.. items];
}

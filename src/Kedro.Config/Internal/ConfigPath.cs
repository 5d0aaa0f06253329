using System.Globalization;

namespace Kedro.Config.Internal;

/// <summary>Dotted paths into configuration trees (<c>a.b.0</c>, <c>a.b[0]</c>), as OmegaConf selects them.</summary>
internal static class ConfigPath
{
    /// <summary>Selects a value by a dotted path (<c>a.b.0</c> or <c>a.b[0]</c>), as OmegaConf.select does.</summary>
    public static bool TrySelect(object? root, string path, out object? value)
    {
        value = root;
        foreach (var part in SplitPath(path))
        {
            if (value is Dictionary<string, object?> map)
            {
                if (!map.TryGetValue(part, out value))
                {
                    return false;
                }
            }
            else if (value is List<object?> list
                && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < list.Count)
            {
                value = list[index];
            }
            else
            {
                value = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits <c>a.b[0].c</c> into <c>a</c>, <c>b</c>, <c>0</c>, <c>c</c>.</summary>
    public static List<string> SplitPath(string path)
    {
        var parts = new List<string>();
        foreach (var dotted in path.Split('.'))
        {
            var rest = dotted;
            var bracket = rest.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0 || !rest.EndsWith(']'))
            {
                parts.Add(rest);
                continue;
            }

            if (bracket > 0)
            {
                parts.Add(rest[..bracket]);
            }

            foreach (var index in rest[(bracket + 1)..^1].Split("][", StringSplitOptions.None))
            {
                parts.Add(index);
            }
        }

        return parts;
    }
}

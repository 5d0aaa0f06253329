using Kedro.Config;
using Kedro.IO;

namespace Kedro.Cli.Internal;

/// <summary>Kedro's parsing of the <c>run</c> options' values (comma lists, <c>k=v</c> parameters, load versions).</summary>
internal static class OptionParsers
{
    /// <summary>Splits on commas, trims each item and drops empty ones; several occurrences are concatenated.</summary>
    public static List<string> SplitCommas(IEnumerable<string>? values)
    {
        var result = new List<string>();
        foreach (var value in values ?? [])
        {
            result.AddRange(value.Split(',').Select(static s => s.Trim()).Where(static s => s.Length > 0));
        }

        return result;
    }

    /// <summary>Splits on commas outside square brackets (node names such as <c>f([a,b]) -> [c]</c> stay whole).</summary>
    public static List<string> SplitCommasOutsideBrackets(IEnumerable<string>? values)
    {
        var result = new List<string>();
        foreach (var value in values ?? [])
        {
            var depth = 0;
            var start = 0;
            for (var i = 0; i <= value.Length; i++)
            {
                if (i == value.Length || (value[i] == ',' && depth == 0))
                {
                    var item = value[start..i].Trim();
                    if (item.Length > 0)
                    {
                        result.Add(item);
                    }

                    start = i + 1;
                }
                else if (value[i] == '[')
                {
                    depth++;
                }
                else if (value[i] == ']' && depth > 0)
                {
                    depth--;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Parses <c>k=v,k2.sub=v2</c> into a nested mapping with typed values (Kedro's <c>_split_params</c>): split at the
    /// first <c>=</c>, dotted keys nest, later duplicates win.
    /// </summary>
    /// <exception cref="CliUsageException">An item has no <c>=</c> or an empty key.</exception>
    public static Dictionary<string, object?> ParseParams(IEnumerable<string>? values, string optionName = "params")
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            foreach (var raw in value.Split(','))
            {
                var item = raw.Trim();
                if (item.Length == 0)
                {
                    continue;
                }

                var equals = item.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    throw CliErrors.ItemWithoutEquals(optionName, item);
                }

                var key = item[..equals].Trim();
                if (key.Length == 0)
                {
                    throw CliErrors.EmptyKey(optionName);
                }

                var typed = ConfigValues.ParseScalar(item[(equals + 1)..].Trim());
                Assign(result, key.Split('.'), typed);
            }
        }

        return result;
    }

    /// <summary>Parses <c>dataset:version,dataset2:version</c> (split at the first colon) into a mapping.</summary>
    /// <exception cref="KedroCliException">An item has no colon, or a version is not a safe path component.</exception>
    public static Dictionary<string, string> ParseLoadVersions(IEnumerable<string>? values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in SplitCommas(values))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw CliErrors.LoadVersionForm(item);
            }

            var version = item[(colon + 1)..].Trim();
            if (!DatasetVersions.IsSafe(version))
            {
                throw CliErrors.UnsafeVersion(version);
            }

            result[item[..colon].Trim()] = version;
        }

        return result;
    }

    private static void Assign(Dictionary<string, object?> target, string[] path, object? value)
    {
        var node = target;
        for (var i = 0; i < path.Length - 1; i++)
        {
            var part = path[i].Trim();
            if (node.TryGetValue(part, out var existing) && existing is Dictionary<string, object?> child)
            {
                node = child;
            }
            else
            {
                child = new Dictionary<string, object?>(StringComparer.Ordinal);
                node[part] = child;
                node = child;
            }
        }

        node[path[^1].Trim()] = value;
    }
}

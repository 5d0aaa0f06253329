using Kedro.Config.Internal;

namespace Kedro.Config;

/// <summary>
/// Typed values as Kedro's configuration types them, for values given as text (such as <c>--params k=v</c>).
/// </summary>
public static class ConfigValues
{
    /// <summary>
    /// Parses a value as Kedro parses a <c>--params</c> value: as YAML, after trimming. <c>3</c> is an int (a long when it
    /// does not fit, a <see cref="System.Numerics.BigInteger"/> beyond 64 bits), <c>0.2</c>, <c>678.</c> and <c>1e-2</c> are doubles, <c>true</c>/<c>false</c> (and YAML 1.1's
    /// <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>) are bools, an empty value, <c>null</c> or <c>~</c> is null, a quoted value is
    /// the string inside the quotes, <c>[1, 2]</c> is a list and <c>{a: 1}</c> a dictionary; anything else (<c>1a</c>,
    /// <c>fizz buzz</c>, <c>https://example.com</c>) is the text itself.
    /// </summary>
    /// <param name="text">The value as written.</param>
    /// <returns>A string, int, long, BigInteger, double, bool, null, <see cref="List{T}"/> or <see cref="Dictionary{TKey, TValue}"/>.</returns>
    public static object? ParseScalar(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        try
        {
            return YamlReader.ReadDocument(trimmed, "<value>")?.ToPlain();
        }
        catch (BadConfigException)
        {
            return trimmed;
        }
    }

    /// <summary>
    /// Builds Kedro's runtime parameters from <c>key=value</c> pairs as OmegaConf's dot-list does: each value goes
    /// through <see cref="ParseScalar"/>, a dotted key (<c>model.alpha</c>) creates nested dictionaries, and a later
    /// pair wins over an earlier one for the same key.
    /// </summary>
    /// <param name="items">The pairs in the order given (keys are trimmed).</param>
    /// <returns>The nested parameters.</returns>
    public static Dictionary<string, object?> ParseDotList(IEnumerable<KeyValuePair<string, string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var parts = item.Key.Trim().Split('.');
            var target = result;
            foreach (var part in parts[..^1])
            {
                if (target.TryGetValue(part, out var existing) && existing is Dictionary<string, object?> child)
                {
                    target = child;
                    continue;
                }

                child = new Dictionary<string, object?>(StringComparer.Ordinal);
                target[part] = child;
                target = child;
            }

            target[parts[^1]] = ParseScalar(item.Value);
        }

        return result;
    }
}

using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Kedro.Datasets.Plots.Internal;

/// <summary>
/// Merges layout properties into a figure's layout as plotly.py's <c>update_layout</c> does: a key with underscores is a path
/// (<c>xaxis_title</c> is <c>xaxis.title</c>, <c>xaxis_title_font_size</c> is <c>xaxis.title.font.size</c>) unless it is a
/// property whose own name has an underscore (<c>paper_bgcolor</c>); a text given for a <c>title</c> is its <c>text</c>;
/// mappings merge into what is there, other values replace it.
/// </summary>
internal static class LayoutUpdate
{
    /// <summary>Plotly property names that contain an underscore, so are not paths.</summary>
    private static readonly string[] UnderscoreNames = ["paper_bgcolor", "plot_bgcolor", "error_x", "error_y", "error_z"];

    public static void Apply(JsonObject layout, IReadOnlyDictionary<string, object?> updates)
    {
        foreach (var (key, value) in updates)
        {
            var path = Split(key);
            var target = layout;
            for (var i = 0; i < path.Count - 1; i++)
            {
                if (target[path[i]] is not JsonObject next)
                {
                    // A title given as text becomes {"text": ...} before a sub-property of it is set.
                    next = target[path[i]] is JsonValue text && path[i] == "title" ? new JsonObject { ["text"] = text.DeepClone() } : [];
                    target[path[i]] = next;
                }

                target = next;
            }

            Set(target, path[^1], value);
        }
    }

    private static void Set(JsonObject target, string name, object? value)
    {
        if (value is IDictionary map)
        {
            if (target[name] is not JsonObject inner)
            {
                inner = target[name] is JsonValue text && name == "title" ? new JsonObject { ["text"] = text.DeepClone() } : [];
                target[name] = inner;
            }

            var nested = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in map)
            {
                nested[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
            }

            Apply(inner, nested);
            return;
        }

        if (name == "title" && value is not null && target[name] is JsonObject existing)
        {
            existing["text"] = ToNode(value);
            return;
        }

        target[name] = name == "title" && value is string or double or long or int ? new JsonObject { ["text"] = ToNode(value) } : ToNode(value);
    }

    private static List<string> Split(string key)
    {
        var parts = new List<string>();
        var rest = key;
        while (rest.Length > 0)
        {
            var known = UnderscoreNames.FirstOrDefault(n => rest == n || rest.StartsWith(n + "_", StringComparison.Ordinal));
            if (known is not null)
            {
                parts.Add(known);
                rest = rest.Length == known.Length ? string.Empty : rest[(known.Length + 1)..];
                continue;
            }

            var underscore = rest.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0)
            {
                parts.Add(rest);
                break;
            }

            parts.Add(rest[..underscore]);
            rest = rest[(underscore + 1)..];
        }

        return parts;
    }

    internal static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int or long or short or byte or sbyte or uint or ushort => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong whole => JsonValue.Create(whole),
        decimal exact => JsonValue.Create(exact),
        double or float => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        IDictionary map => ToObject(map),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToNode)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonObject ToObject(IDictionary map)
    {
        var obj = new JsonObject();
        foreach (DictionaryEntry entry in map)
        {
            obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToNode(entry.Value);
        }

        return obj;
    }
}

using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Kedro.WorkerProcesses.Protocol;

/// <summary>
/// Dataset configuration trees (mappings, lists, strings, numbers, booleans, nulls) to JSON text and back, keeping
/// integers as <see cref="int"/> (or <see cref="long"/>) and other numbers as <see cref="double"/>, as the configuration
/// loader produces them.
/// </summary>
internal static class ConfigJson
{
    /// <summary>The configuration as JSON, or <see langword="null"/> when a value is not plain configuration (then it cannot reach a worker).</summary>
    public static string? TryWrite(IReadOnlyDictionary<string, object?> config)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (!TryWrite(writer, config))
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Dictionary<string, object?> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return (Dictionary<string, object?>)ToTree(document.RootElement)!;
    }

    private static bool TryWrite(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return true;
            case string text:
                writer.WriteStringValue(text);
                return true;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return true;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return true;
            case ulong big:
                writer.WriteNumberValue(big);
                return true;
            case BigInteger huge:
                writer.WriteRawValue(huge.ToString(CultureInfo.InvariantCulture));
                return true;
            case double or float or decimal:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(number) && number == Math.Floor(number) && Math.Abs(number) < 1e15)
                {
                    // keep it a floating-point number on the way back
                    writer.WriteRawValue(number.ToString("0.0", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNumberValue(number);
                }

                return true;
            case IEnumerable<KeyValuePair<string, object?>> mapping:
                writer.WriteStartObject();
                foreach (var (key, item) in mapping)
                {
                    writer.WritePropertyName(key);
                    if (!TryWrite(writer, item))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
                return true;
            case System.Collections.IList list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    if (!TryWrite(writer, item))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            default:
                return false;
        }
    }

    private static object? ToTree(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(
            new Dictionary<string, object?>(StringComparer.Ordinal),
            (map, property) =>
            {
                map[property.Name] = ToTree(property.Value);
                return map;
            }),
        JsonValueKind.Array => element.EnumerateArray().Select(ToTree).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt32(out var small) && IsInteger(element.GetRawText()) => small,
        JsonValueKind.Number when element.TryGetInt64(out var large) && IsInteger(element.GetRawText()) => large,
        JsonValueKind.Number when IsInteger(element.GetRawText()) => BigInteger.Parse(element.GetRawText(), CultureInfo.InvariantCulture),
        JsonValueKind.Number => element.GetDouble(),
        _ => null,
    };

    /// <summary>Whether a JSON number's text is a whole number as written (no fraction, no exponent).</summary>
    private static bool IsInteger(string text) => !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase);
}

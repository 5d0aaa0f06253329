using System.Collections;
using System.Data;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kedro.Datasets.Internal;

/// <summary>
/// JSON-shaped data for the JSON, YAML and pickle datasets: plain trees (<see cref="Dictionary{TKey, TValue}"/> of
/// string to object, <see cref="List{T}"/> of object, string, int, long, double, bool, null) for untyped loads, and
/// binding to a requested type through <see cref="ConfigTreeBinder"/> (Kedro's <c>snake_case</c> keys fill PascalCase
/// members). Only the requested type is ever created; nothing in the data names a type.
/// </summary>
internal static class JsonTrees
{
    /// <summary>The options records are written with: snake_case property names (Kedro's style), enums by name.</summary>
    public static JsonSerializerOptions WriteOptions(JsonNamingPolicy? naming, int? indent, bool ensureAscii)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = naming,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter() },
            IncludeFields = true,
            WriteIndented = indent is > 0,
            Encoder = ensureAscii ? System.Text.Encodings.Web.JavaScriptEncoder.Default : System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        if (indent is > 0)
        {
            options.IndentSize = indent.Value;
        }

        return options;
    }

    /// <summary>A plain tree from JSON: objects keep their key order.</summary>
    public static object? ToPlain(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var dictionary = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
                foreach (var (key, value) in obj)
                {
                    dictionary[key] = ToPlain(value);
                }

                return dictionary;
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(ToPlain(item));
                }

                return list;
            case JsonValue value when !value.TryGetValue<JsonElement>(out _):
                // A value built in memory (not parsed) holds the .NET value itself.
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.ToString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when value.TryGetValue<double>(out var d) => d, // 2.0 stays a float, as in Python
                    JsonValueKind.Number when value.TryGetValue<float>(out var f) => (double)f,
                    JsonValueKind.Number => ToPlain(JsonNode.Parse(value.ToJsonString())),
                    _ => null,
                };
            default:
                var element = node.GetValue<JsonElement>();
                return element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when element.TryGetInt32(out var i) => i,
                    JsonValueKind.Number when element.TryGetInt64(out var l) => l,
                    JsonValueKind.Number => element.GetDouble(),
                    _ => null,
                };
        }
    }

    /// <summary>JSON for saving: plain trees as they are, a <see cref="DataTable"/> as a list of row objects, other values serialized.</summary>
    public static JsonNode? FromData(object? data, JsonSerializerOptions options)
    {
        switch (data)
        {
            case null or DBNull:
                return null;
            case JsonNode node:
                return node.DeepClone();
            case string text:
                return JsonValue.Create(text);
            case bool flag:
                return JsonValue.Create(flag);
            case BigInteger number:
                return JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture)); // an integer beyond 64 bits, exact
            case double number when !double.IsFinite(number):
                return JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)); // NaN/Infinity as Python's json writes them
            case double number:
                return JsonValue.Create(number); // in memory, so a plain tree gets a float back even for 2.0
            case DataTable table:
                var rows = new JsonArray();
                foreach (DataRow row in table.Rows)
                {
                    var obj = new JsonObject();
                    foreach (DataColumn column in table.Columns)
                    {
                        obj[column.ColumnName] = FromData(row[column], options);
                    }

                    rows.Add(obj);
                }

                return rows;
            case IDictionary dictionary when IsPlainDictionary(dictionary):
                var result = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = FromData(entry.Value, options);
                }

                return result;
            case IList list when data.GetType().IsGenericType && data.GetType().GetGenericArguments()[0] == typeof(object):
                var array = new JsonArray();
                foreach (var item in list)
                {
                    array.Add(FromData(item, options));
                }

                return array;
            default:
                return JsonSerializer.SerializeToNode(data, data.GetType(), options);
        }
    }

    /// <summary>Binds JSON to <paramref name="target"/> (keys renamed to the members they match first).</summary>
    /// <exception cref="JsonException">The JSON does not fit.</exception>
    public static object? Bind(JsonNode? node, Type target)
    {
        if (target == typeof(object))
        {
            return ToPlain(node);
        }

        if (target == typeof(JsonNode) || target == typeof(JsonObject) || target == typeof(JsonArray))
        {
            return target.IsInstanceOfType(node) ? node : throw new JsonException($"The JSON is not a '{target.Name}'.");
        }

        return ConfigTreeBinder.Bind(node, target);
    }

    private static bool IsPlainDictionary(IDictionary dictionary)
    {
        var type = dictionary.GetType();
        return !type.IsGenericType || type.GetGenericArguments()[0] == typeof(string);
    }
}

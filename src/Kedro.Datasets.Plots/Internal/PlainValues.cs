using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kedro.Datasets.Plots.Internal;

/// <summary>
/// JSON as plain .NET values (dictionaries, lists, strings, numbers, booleans, null), the form Plotly.NET's dynamic trace and
/// layout objects hold and serialise back to the same JSON.
/// </summary>
internal static class PlainValues
{
    public static object? Of(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(static p => p.Key, static p => Of(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(Of).ToList(),
        JsonValue value => Scalar(value),
        _ => throw new InvalidOperationException($"Unexpected JSON node '{node.GetType().Name}'."),
    };

    private static object? Scalar(JsonValue value)
    {
        var element = value.Deserialize<JsonElement>();
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
            JsonValueKind.Number => element.GetDouble(),
            _ => throw new InvalidOperationException($"Unexpected JSON value '{element.ValueKind}'."),
        };
    }
}

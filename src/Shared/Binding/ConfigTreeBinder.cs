using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Kedro.Shared.Binding;

/// <summary>
/// The one binder of configuration-shaped data to .NET types: a configuration tree (dictionaries with string keys, lists
/// and scalars) or JSON (<see cref="JsonNode"/>, also inside a tree) becomes a record, class or collection by a
/// System.Text.Json round trip. Keys match members (public properties and fields) ignoring case, underscores, dashes and
/// spaces, so Kedro's snake_case keys (<c>test_size</c>) fill .NET's PascalCase members (<c>TestSize</c>);
/// <see cref="JsonPropertyNameAttribute"/> names win; <c>random_forest</c> names the enum member <c>RandomForest</c>.
/// Keys that match no member are ignored; keys of dictionary-typed members are kept as written. Only the requested type
/// is ever created: nothing in the data names a type.
/// </summary>
internal static class ConfigTreeBinder
{
    private const int MaxDepth = 64;

    private static readonly ConcurrentDictionary<Type, Dictionary<string, (string JsonName, Type Type)>> Members = new();

    /// <summary>How bound values are read: case-insensitive, numbers also from strings, enums by name, fields included.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(), new PlainObjectConverter() },
        IncludeFields = true,
    };

    /// <summary>Binds <paramref name="tree"/> to <paramref name="target"/>.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="target">The wanted type.</param>
    /// <param name="result">The bound value.</param>
    /// <param name="reason">Why binding failed, when it did.</param>
    /// <returns><see langword="true"/> when bound.</returns>
    public static bool TryBind(object? tree, Type target, out object? result, out string? reason)
    {
        try
        {
            result = Bind(tree, target);
            reason = result is null ? "it bound to null" : null;
            return result is not null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            result = null;
            reason = e.Message;
            return false;
        }
    }

    /// <summary>Binds <paramref name="tree"/> to <paramref name="target"/>, or throws why it cannot.</summary>
    /// <param name="tree">The tree or JSON.</param>
    /// <param name="target">The wanted type.</param>
    /// <returns>The bound value (<see langword="null"/> for a null tree).</returns>
    /// <exception cref="JsonException">The data does not fit <paramref name="target"/>, or two keys name the same member.</exception>
    /// <exception cref="NotSupportedException">System.Text.Json cannot create <paramref name="target"/>.</exception>
    public static object? Bind(object? tree, Type target)
    {
        JsonNode? node;
        try
        {
            if (!TryBuild(tree, target, 0, out node))
            {
                throw new JsonException("it holds values other than dictionaries, lists and scalars");
            }
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e); // two keys naming the same member
        }

        return node.Deserialize(target, Options);
    }

    /// <summary>A key as matched against member names: lower case, without <c>_</c>, <c>-</c> or spaces.</summary>
    /// <param name="name">The key or member name.</param>
    /// <returns>The normalized name.</returns>
    public static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (c is not ('_' or '-' or ' '))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    private static bool TryBuild(object? value, Type? target, int depth, out JsonNode? node)
    {
        node = null;
        if (depth > MaxDepth)
        {
            return false;
        }

        target = target is null ? null : Nullable.GetUnderlyingType(target) ?? target;
        switch (value)
        {
            case null:
                return true;
            case JsonObject obj:
                return TryBuildObject(obj.Select(pair => KeyValuePair.Create(pair.Key, (object?)pair.Value)), target, depth, out node);
            case JsonArray array:
                return TryBuildArray(array, target, depth, out node);
            case JsonValue json:
                node = target is { IsEnum: true } && json.GetValueKind() == JsonValueKind.String
                    ? JsonValue.Create(EnumName(json.GetValue<string>(), target))
                    : json.DeepClone();
                return true;
            case string text:
                node = JsonValue.Create(target is { IsEnum: true } ? EnumName(text, target) : text);
                return true;
            case bool flag:
                node = JsonValue.Create(flag);
                return true;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return TryBuildObject(pairs, target, depth, out node);
            case IDictionary dictionary:
                return TryBuildObject(Entries(dictionary), target, depth, out node);
            case IEnumerable items:
                return TryBuildArray(items, target, depth, out node);
            default:
                return TryBuildScalar(value, out node);
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> Entries(IDictionary dictionary)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            yield return KeyValuePair.Create(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty, entry.Value);
        }
    }

    // "random_forest" names RandomForest, as Kedro's snake_case configuration spells members.
    private static string EnumName(string text, Type enumType) =>
        Enum.TryParse(enumType, text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed)
            && Enum.IsDefined(enumType, parsed)
            ? parsed.ToString()!
            : text;

    private static bool TryBuildScalar(object value, out JsonNode? node)
    {
        node = value switch
        {
            int number => JsonValue.Create(number),
            long number => JsonValue.Create(number),
            double number => JsonValue.Create(number),
            float number => JsonValue.Create(number),
            decimal number => JsonValue.Create(number),
            short number => JsonValue.Create(number),
            byte number => JsonValue.Create(number),
            sbyte number => JsonValue.Create(number),
            ushort number => JsonValue.Create(number),
            uint number => JsonValue.Create(number),
            ulong number => JsonValue.Create(number),
            char c => JsonValue.Create(c.ToString()),
            BigInteger number => JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture)), // exact, as the loader keeps it
            DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Guid or Enum =>
                JsonSerializer.SerializeToNode(value, value.GetType(), Options),
            _ => null,
        };
        return node is not null;
    }

    private static bool TryBuildObject(IEnumerable<KeyValuePair<string, object?>> entries, Type? target, int depth, out JsonNode? node)
    {
        node = null;
        var valueType = target is null ? null : DictionaryValueType(target);
        var members = target is null || valueType is not null || target == typeof(object) ? null : MembersOf(target);
        var result = new JsonObject();
        foreach (var entry in entries)
        {
            var key = entry.Key;
            var childType = valueType;
            if (members is not null && members.TryGetValue(Normalize(key), out var member))
            {
                key = member.JsonName;
                childType = member.Type;
            }

            if (!TryBuild(entry.Value, childType, depth + 1, out var child))
            {
                return false;
            }

            result.Add(key, child);
        }

        node = result;
        return true;
    }

    private static bool TryBuildArray(IEnumerable items, Type? target, int depth, out JsonNode? node)
    {
        node = null;
        var elementType = target is null ? null : ElementType(target);
        var result = new JsonArray();
        foreach (var item in items)
        {
            if (!TryBuild(item, elementType, depth + 1, out var child))
            {
                return false;
            }

            result.Add(child);
        }

        node = result;
        return true;
    }

    /// <summary>The value type of a dictionary type (<see cref="object"/> for a non-generic one), or <see langword="null"/> when it is not one.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The value type, or <see langword="null"/>.</returns>
    public static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType)
            {
                var definition = candidate.GetGenericTypeDefinition();
                if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
                {
                    return candidate.GetGenericArguments()[1];
                }
            }
        }

        return typeof(IDictionary).IsAssignableFrom(type) ? typeof(object) : null;
    }

    /// <summary>The element type of an array or <see cref="IEnumerable{T}"/>, or <see langword="null"/> when it is neither.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The element type, or <see langword="null"/>.</returns>
    public static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return candidate.GetGenericArguments()[0];
            }
        }

        return null;
    }

    /// <summary>The type of the member of <paramref name="type"/> that <paramref name="key"/> fills when bound, or <see langword="null"/>.</summary>
    /// <param name="type">The bound type.</param>
    /// <param name="key">A configuration key.</param>
    /// <returns>The member's type, or <see langword="null"/> when no member matches.</returns>
    public static Type? MemberType(Type type, string key) =>
        MembersOf(type).TryGetValue(Normalize(key), out var member) ? member.Type : null;

    private static Dictionary<string, (string JsonName, Type Type)> MembersOf(Type type) =>
        Members.GetOrAdd(type, static type =>
        {
            var members = new Dictionary<string, (string JsonName, Type Type)>(StringComparer.Ordinal);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.IsDefined(typeof(JsonIgnoreAttribute)))
                {
                    continue;
                }

                var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
                members.TryAdd(Normalize(jsonName), (jsonName, property.PropertyType));
                members.TryAdd(Normalize(property.Name), (jsonName, property.PropertyType));
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!field.IsDefined(typeof(JsonIgnoreAttribute)))
                {
                    var jsonName = field.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? field.Name;
                    members.TryAdd(Normalize(jsonName), (jsonName, field.FieldType));
                    members.TryAdd(Normalize(field.Name), (jsonName, field.FieldType));
                }
            }

            return members;
        });

    /// <summary>
    /// Binds members declared as <see cref="object"/> (also in <c>Dictionary&lt;string, object?&gt;</c> and
    /// <c>List&lt;object?&gt;</c>) to the plain values the tree holds (string, bool, int, long, double, dictionaries and
    /// lists), as an untyped load gives them, instead of <see cref="JsonElement"/>s.
    /// </summary>
    internal sealed class PlainObjectConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ToPlain(JsonElement.ParseValue(ref reader));

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, value.GetType(), options);

        private static object? ToPlain(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject()
                .Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (map, property) =>
                {
                    map[property.Name] = ToPlain(property.Value);
                    return map;
                }),
            JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
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

using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Kedro.IO;

namespace Kedro.WorkerProcesses.SharedMemory;

/// <summary>
/// The default serializer of shared-memory values: System.Text.Json with public fields included (so tuples travel),
/// named floating-point literals allowed, and values typed <see cref="object"/> read back as the plain values of a
/// configuration tree (string, int or long, double, bool, null, <c>Dictionary&lt;string, object?&gt;</c>,
/// <c>List&lt;object?&gt;</c>) rather than <see cref="JsonElement"/>. Every value is checked to read back as written.
/// </summary>
internal static class SharedMemoryJson
{
    /// <summary>Values up to this size are read back and compared when saved; larger ones are trusted.</summary>
    private const int VerifyLimit = 64 * 1024 * 1024;

    private static readonly ConcurrentDictionary<Type, string?> TypeProblems = new();

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serialises a value; returns why it cannot be (completing "a value that ..."), or <see langword="null"/>.</summary>
    public static string? TrySerialize(object value, Type type, ArrayBufferWriter<byte> output)
    {
        if (TypeProblems.GetOrAdd(type, FindTypeProblem) is { } typeProblem)
        {
            return typeProblem;
        }

        try
        {
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
            {
                JsonSerializer.Serialize(writer, value, type, Options);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"System.Text.Json cannot serialise ({Unwrap(e)})";
        }

        if (output.WrittenCount > VerifyLimit)
        {
            return null;
        }

        try
        {
            var back = JsonSerializer.Deserialize(output.WrittenSpan, type, Options);
            var again = back is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(back, type, Options);
            if (!again.AsSpan().SequenceEqual(output.WrittenSpan))
            {
                return "does not read back as it was written with System.Text.Json (state without a public setter or constructor parameter would be lost)";
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"System.Text.Json cannot read back ({Unwrap(e)})";
        }

        return null;
    }

    /// <summary>Reads a value as <paramref name="type"/>, or returns <see langword="false"/> when the JSON does not fit it.</summary>
    public static bool TryDeserialize(ReadOnlySpan<byte> data, Type type, out object? value)
    {
        try
        {
            value = JsonSerializer.Deserialize(data, type, Options);
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>Reads a value written by <see cref="TrySerialize"/> as <paramref name="type"/>.</summary>
    /// <exception cref="DatasetException">The bytes cannot be read as that type.</exception>
    public static object? Deserialize(ReadOnlySpan<byte> data, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(data, type, Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new DatasetException(
                $"The shared-memory value cannot be read as '{TypeNames.Of(type)}': {Unwrap(e)}", e);
        }
    }

    private static string Unwrap(Exception e)
    {
        while (e is TargetInvocationException { InnerException: { } inner })
        {
            e = inner;
        }

        return $"{e.GetType().Name}: {e.Message}";
    }

    private static string? FindTypeProblem(Type type)
    {
        if (type == typeof(object))
        {
            return "is a bare 'object', which has nothing to serialise";
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return "is a delegate (a function), which cannot be serialised";
        }

        if (typeof(Stream).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Assembly).IsAssignableFrom(type)
            || typeof(Task).IsAssignableFrom(type) || typeof(WaitHandle).IsAssignableFrom(type) || typeof(Thread).IsAssignableFrom(type)
            || typeof(System.Runtime.InteropServices.SafeHandle).IsAssignableFrom(type) || typeof(CancellationTokenSource).IsAssignableFrom(type)
            || type == typeof(IntPtr) || type == typeof(UIntPtr) || type == typeof(CancellationToken) || type.IsPointer)
        {
            return "is a handle to a resource of this process (a stream, task, thread, handle or reflection object), which cannot be serialised";
        }

        JsonTypeInfo info;
        try
        {
            info = Options.GetTypeInfo(type);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"System.Text.Json cannot serialise ({Unwrap(e)})";
        }

        if (info.Kind == JsonTypeInfoKind.Object && info.Properties.Count == 0 && HasInstanceFields(type))
        {
            return "has no public properties or fields for System.Text.Json to write, so its state would be lost";
        }

        return null;
    }

    private static bool HasInstanceFields(Type type)
    {
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            if (t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly).Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            IncludeFields = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            MaxDepth = 256,
        };
        options.Converters.Add(new PlainObjectConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Reads values typed <see cref="object"/> as configuration-tree values; writes doubles so they read back as doubles.</summary>
    private sealed class PlainObjectConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number:
                    var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                    if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
                    {
                        if (reader.TryGetInt32(out var i))
                        {
                            return i;
                        }

                        if (reader.TryGetInt64(out var l))
                        {
                            return l;
                        }
                    }

                    return reader.GetDouble();
                case JsonTokenType.StartArray:
                    var list = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        list.Add(Read(ref reader, typeof(object), options));
                    }

                    return list;
                case JsonTokenType.StartObject:
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var key = reader.GetString()!;
                        reader.Read();
                        map[key] = Read(ref reader, typeof(object), options);
                    }

                    return map;
                default:
                    throw new JsonException($"Unexpected JSON token '{reader.TokenType}'.");
            }
        }

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            switch (value)
            {
                case double d when double.IsFinite(d):
                    writer.WriteRawValue(WithDecimalPoint(d.ToString("R", CultureInfo.InvariantCulture)), skipInputValidation: true);
                    break;
                case float f when float.IsFinite(f):
                    writer.WriteRawValue(WithDecimalPoint(f.ToString("R", CultureInfo.InvariantCulture)), skipInputValidation: true);
                    break;
                default:
                    if (value.GetType() == typeof(object))
                    {
                        throw new NotSupportedException("A bare 'object' has nothing to serialise.");
                    }

                    JsonSerializer.Serialize(writer, value, value.GetType(), options);
                    break;
            }
        }

        private static string WithDecimalPoint(string number) =>
            number.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? number : number + ".0";
    }
}

using System.Collections;
using System.Globalization;
using System.Numerics;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.Framework.Internal;

/// <summary>
/// Checks the runtime parameters (<c>--params</c>) before any node runs: each value must fit the type a node to run
/// declares for it (<c>params:x</c>, or a member of the record a <c>params:group</c> input binds to) and the type of the
/// value it replaces in the parameter files. A key nothing uses is logged as a warning.
/// </summary>
internal static class RuntimeParamsCheck
{
    /// <summary>Throws on the first value that does not fit; warns about keys no node and no parameter file uses.</summary>
    /// <param name="pipeline">The nodes that will run.</param>
    /// <param name="runtimeParams">The runtime parameters.</param>
    /// <param name="configured">The parameters from the parameter files alone, or <see langword="null"/> when unknown.</param>
    /// <param name="files">Finds where a parameter is declared.</param>
    /// <param name="logger">Gets the warnings.</param>
    /// <exception cref="KedroSessionException">A value does not fit a declared type.</exception>
    public static void Check(
        Pipeline pipeline,
        IReadOnlyDictionary<string, object?> runtimeParams,
        IReadOnlyDictionary<string, object?>? configured,
        ConfigLocations files,
        ILogger logger)
    {
        foreach (var (path, value) in Leaves(runtimeParams, prefix: null))
        {
            var used = CheckNodes(pipeline, path, value);
            if (configured is not null && TryGet(configured, path, out var declared))
            {
                used = true;
                if (!Fits(declared, value))
                {
                    throw FrameworkErrors.RuntimeParamMismatchesFile(
                        path, value, Expected(declared!), Declared(path, declared), files.Locate("parameters", path) ?? "the parameter files");
                }
            }

            if (!used && !files.Interpolates(path))
            {
                var known = Leaves(configured ?? new Dictionary<string, object?>(), prefix: null).Select(static l => l.Path)
                    .Concat(pipeline.Nodes.SelectMany(static n => n.Inputs).Where(static i => i.StartsWith("params:", StringComparison.Ordinal))
                        .Select(static i => i["params:".Length..]));
                logger.RuntimeParamUnused(path, FrameworkErrors.Suggestion(CloseMatches.Find(path, known.Distinct(StringComparer.Ordinal))));
            }
        }
    }

    /// <summary>Checks <paramref name="value"/> against every node input that receives it; whether any node uses it.</summary>
    private static bool CheckNodes(Pipeline pipeline, string path, object? value)
    {
        var used = false;
        foreach (var node in pipeline.Nodes)
        {
            foreach (var input in node.Inputs)
            {
                if (input == "parameters")
                {
                    used = true;
                    continue;
                }

                if (!input.StartsWith("params:", StringComparison.Ordinal))
                {
                    continue;
                }

                var name = input["params:".Length..];
                if (name.StartsWith(path + ".", StringComparison.Ordinal))
                {
                    used = true;
                    continue;
                }

                if (path != name && !path.StartsWith(name + ".", StringComparison.Ordinal))
                {
                    continue;
                }

                used = true;
                var declared = node.InputType(input);
                var target = declared is null ? null : MemberType(declared, path.Length == name.Length ? [] : path[(name.Length + 1)..].Split('.'));
                if (target is not null && !LoadedValueConverter.TryConvert(value, target, out _, out var reason))
                {
                    throw FrameworkErrors.RuntimeParamMismatchesNode(
                        path, value, Expected(target), node.Name, input, declared!, reason);
                }
            }
        }

        return used;
    }

    /// <summary>The type a dotted path inside a bound type fills, or <see langword="null"/> when it cannot be told.</summary>
    private static Type? MemberType(Type type, string[] keys)
    {
        foreach (var key in keys)
        {
            var next = ConfigTreeBinder.DictionaryValueType(type) ?? ConfigTreeBinder.MemberType(type, key);
            if (next is null || next == typeof(object))
            {
                return null;
            }

            type = next;
        }

        return type == typeof(object) ? null : type;
    }

    /// <summary>Whether a runtime value may replace a value of the parameter files: same kind (a number for a number, ...).</summary>
    private static bool Fits(object? declared, object? value) => declared switch
    {
        null or string => value is not (IDictionary or IList),
        _ when value is null => declared is not (IDictionary or IList),
        bool => value is bool,
        _ when IsIntegral(declared) => IsIntegral(value) || (value is double d && double.IsFinite(d) && Math.Truncate(d) == d),
        _ when IsNumber(declared) => IsNumber(value),
        IDictionary => value is IDictionary,
        IList => value is IList,
        _ => true,
    };

    /// <summary>An integer of the parameter files or the command line: a built-in integer, or one beyond 64 bits.</summary>
    private static bool IsIntegral(object? value) =>
        value is BigInteger || (value is not null && LoadedValueConverter.IsIntegral(value.GetType()));

    private static bool IsNumber(object? value) =>
        value is BigInteger || (value is not null && LoadedValueConverter.IsNumeric(value.GetType()));

    private static string Expected(object declared) => declared switch
    {
        bool => "true or false",
        IDictionary => "a mapping",
        IList => "a list",
        _ when IsIntegral(declared) => "a whole number",
        _ when IsNumber(declared) => "a number",
        _ => "a value",
    };

    private static string Expected(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        var kind = plain switch
        {
            _ when plain == typeof(bool) => "true or false",
            _ when plain == typeof(string) => "text",
            _ when plain.IsEnum => "one of " + string.Join(", ", Enum.GetNames(plain).Select(static n => "'" + n + "'")),
            _ when LoadedValueConverter.IsIntegral(plain) => "a whole number",
            _ when LoadedValueConverter.IsNumeric(plain) => "a number",
            _ when ConfigTreeBinder.DictionaryValueType(plain) is not null => "a mapping",
            _ when ConfigTreeBinder.ElementType(plain) is not null => "a list",
            _ => "a mapping",
        };
        return $"{kind} ({TypeNames.Of(type)})";
    }

    private static string Declared(string path, object? value)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        return value is IDictionary or IList ? key : key + ": " + Display(value);
    }

    internal static string Display(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary => "a mapping",
        IList => "a list",
        _ => value.ToString() ?? string.Empty,
    };

    private static bool TryGet(IReadOnlyDictionary<string, object?> tree, string path, out object? value)
    {
        value = null;
        object? node = tree;
        foreach (var key in path.Split('.'))
        {
            if (node is not IReadOnlyDictionary<string, object?> mapping || !mapping.TryGetValue(key, out node))
            {
                return false;
            }
        }

        value = node;
        return true;
    }

    private static IEnumerable<(string Path, object? Value)> Leaves(IReadOnlyDictionary<string, object?> tree, string? prefix)
    {
        foreach (var (key, value) in tree)
        {
            var path = prefix is null ? key : prefix + "." + key;
            if (value is IReadOnlyDictionary<string, object?> nested && nested.Count > 0)
            {
                foreach (var leaf in Leaves(nested, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }
}

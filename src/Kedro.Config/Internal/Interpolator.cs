using System.Globalization;
using System.Text;

namespace Kedro.Config.Internal;

/// <summary>
/// Resolves <c>${...}</c> interpolations of one environment's merged configuration and turns it into a plain tree:
/// <c>${a.b}</c> (absolute), <c>${.sibling}</c> (relative), <c>${globals:key,default}</c>,
/// <c>${runtime_params:key,default}</c>, <c>${oc.env:VAR,default}</c> (credentials only) and custom resolvers.
/// A value that is exactly one interpolation keeps the referenced value's type; otherwise the pieces are joined as text.
/// </summary>
internal sealed class Interpolator
{
    private readonly MapNode _root;
    private readonly string _configKey;
    private readonly Func<Dictionary<string, object?>> _globals;
    private readonly Dictionary<string, object?> _runtimeParams;
    private readonly IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> _customResolvers;
    private readonly Dictionary<ConfigNode, object?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ConfigNode> _inProgress = new(ReferenceEqualityComparer.Instance);

    public Interpolator(
        MapNode root,
        string configKey,
        Func<Dictionary<string, object?>> globals,
        Dictionary<string, object?> runtimeParams,
        IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> customResolvers)
    {
        _root = root;
        _configKey = configKey;
        _globals = globals;
        _runtimeParams = runtimeParams;
        _customResolvers = customResolvers;
    }

    private bool IsGlobals => _configKey == "globals";

    private bool AllowsEnvironment => _configKey == "credentials";

    /// <summary>Resolves the whole tree.</summary>
    /// <exception cref="BadConfigException">An interpolation cannot be resolved; the message names the key, the file and the line.</exception>
    public Dictionary<string, object?> ResolveRoot()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in _root.Entries)
        {
            result[pair.Key] = Resolve(pair.Value, [pair.Key]);
        }

        return result;
    }

    private object? Resolve(ConfigNode node, List<string> path)
    {
        switch (node)
        {
            case MapNode map:
                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var pair in map.Entries)
                {
                    dictionary[pair.Key] = Resolve(pair.Value, [.. path, pair.Key]);
                }

                return dictionary;
            case SeqNode sequence:
                var list = new List<object?>(sequence.Items.Count);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    list.Add(Resolve(sequence.Items[i], [.. path, i.ToString(CultureInfo.InvariantCulture)]));
                }

                return list;
            case ScalarNode { Value: string text } scalar when text.Contains("${", StringComparison.Ordinal):
                return ConfigTree.Copy(ResolveScalar(scalar, text, path), normalizeScalars: true);
            case ScalarNode scalar:
                return scalar.Value;
            default:
                return null;
        }
    }

    private object? ResolveScalar(ScalarNode scalar, string text, List<string> path)
    {
        if (_resolved.TryGetValue(scalar, out var cached))
        {
            return cached;
        }

        var keyPath = string.Join('.', path);
        if (!_inProgress.Add(scalar))
        {
            throw ConfigErrors.InterpolationFailed(ConfigErrors.RecursiveInterpolation, Shown(text), _configKey, keyPath, scalar.Mark,
                "a value refers to itself through its interpolations; break the cycle.");
        }

        try
        {
            var value = ResolveText(text, path);
            _resolved[scalar] = value;
            return value;
        }
        catch (FormatException malformed)
        {
            throw ConfigErrors.InterpolationFailed(malformed.Message, Shown(text), _configKey, keyPath, scalar.Mark);
        }
        catch (InterpolationProblem problem)
        {
            throw ConfigErrors.InterpolationFailed(problem.Message, problem.Expression, _configKey, keyPath, scalar.Mark, problem.Hint, problem.InnerException);
        }
        finally
        {
            _inProgress.Remove(scalar);
        }
    }

    /// <summary>A whole value as shown in a message: credentials are never shown.</summary>
    private string Shown(string text) => AllowsEnvironment ? "<credentials value>" : text;

    /// <summary>Resolves a string: one interpolation alone keeps its value's type; pieces are joined as text.</summary>
    private object? ResolveText(string text, List<string> path)
    {
        var segments = InterpolationSyntax.Split(text);
        if (segments is [{ IsInterpolation: true } only])
        {
            return Evaluate(only.Text, path);
        }

        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            builder.Append(segment.IsInterpolation ? PythonLiterals.Str(Evaluate(segment.Text, path)) : segment.Text);
        }

        return builder.ToString();
    }

    private object? Evaluate(string inner, List<string> path)
    {
        var expression = "${" + inner + "}";
        if (InterpolationSyntax.TrySplitResolverCall(inner, out var name, out var argumentText))
        {
            var arguments = InterpolationSyntax.SplitArguments(argumentText).Select(argument => EvaluateArgument(argument, path)).ToList();
            return CallResolver(name, arguments, expression);
        }

        var reference = (inner.Contains("${", StringComparison.Ordinal) ? PythonLiterals.Str(ResolveText(inner, path)) : inner).Trim();
        return Reference(reference, path, expression);
    }

    private object? EvaluateArgument(string argument, List<string> path)
    {
        if (argument.Length >= 2 && argument[0] is '\'' or '"' && argument[^1] == argument[0])
        {
            var quoted = argument[1..^1];
            return quoted.Contains("${", StringComparison.Ordinal) ? PythonLiterals.Str(ResolveText(quoted, path)) : quoted;
        }

        return argument.Contains("${", StringComparison.Ordinal) ? ResolveText(argument, path) : InterpolationSyntax.Primitive(argument);
    }

    private object? Reference(string reference, List<string> path, string expression)
    {
        var dots = reference.Length - reference.TrimStart('.').Length;
        var rest = reference[dots..];
        var parts = dots == 0 ? [] : path.Take(Math.Max(0, path.Count - dots)).ToList();
        if (rest.Length > 0)
        {
            parts.AddRange(ConfigPath.SplitPath(rest));
        }

        ConfigNode? current = _root;
        foreach (var part in parts)
        {
            current = current switch
            {
                MapNode map => map.Entries.GetValueOrDefault(part),
                SeqNode sequence when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && index < sequence.Items.Count => sequence.Items[index],
                _ => null,
            };
            if (current is null)
            {
                throw new InterpolationProblem(ConfigErrors.InterpolationKeyNotFound(reference), expression,
                    ConfigErrors.SameEnvironmentHint(_configKey));
            }
        }

        return Resolve(current, parts);
    }

    private object? CallResolver(string name, List<object?> arguments, string expression)
    {
        switch (name)
        {
            case "globals":
                return Globals(arguments, expression);
            case "runtime_params":
                return RuntimeParam(arguments, expression);
            default:
                break;
        }

        if (_customResolvers.TryGetValue(name, out var resolver))
        {
            try
            {
                return ConfigTree.Copy(resolver(arguments), normalizeScalars: true);
            }
            catch (Exception error) when (error is not BadConfigException)
            {
                throw new InterpolationProblem(ConfigErrors.ResolverFailed(name, error), expression, null, error);
            }
        }

        if (name == "oc.env" && AllowsEnvironment)
        {
            var variable = arguments.Count > 0 ? PythonLiterals.Str(arguments[0]) : string.Empty;
            var value = Environment.GetEnvironmentVariable(variable);
            if (value is not null)
            {
                return value;
            }

            return arguments.Count > 1
                ? (arguments[1] is null ? null : PythonLiterals.Str(arguments[1]))
                : throw new InterpolationProblem(ConfigErrors.EnvironmentVariableNotFound(variable), expression,
                    "set the environment variable, or give a default: '${oc.env:NAME,default}'.");
        }

        throw new InterpolationProblem(ConfigErrors.UnsupportedInterpolationType(name), expression,
            name == "oc.env"
                ? "'${oc.env:...}' reads environment variables in credentials only; to allow it elsewhere, pass a custom resolver named 'oc.env'."
                : "the resolvers available are 'globals', 'runtime_params', 'oc.env' (credentials only) and the custom resolvers given to the config loader.");
    }

    private object? Globals(List<object?> arguments, string expression)
    {
        var key = arguments.Count > 0 ? PythonLiterals.Str(arguments[0]) : string.Empty;
        if (key.StartsWith('_'))
        {
            throw new InterpolationProblem(ConfigErrors.GlobalsUnderscore, expression, null);
        }

        if (ConfigPath.TrySelect(_globals(), key, out var value))
        {
            return ConfigTree.Copy(value, normalizeScalars: true);
        }

        return arguments.Count > 1
            ? arguments[1]
            : throw new InterpolationProblem(ConfigErrors.GlobalsKeyNotFound(key), expression,
                "define it in a 'globals' file of base or of the run environment, or give a default: '${globals:key,default}'.");
    }

    private object? RuntimeParam(List<object?> arguments, string expression)
    {
        if (IsGlobals)
        {
            throw new InterpolationProblem(ConfigErrors.RuntimeParamsInGlobals, expression, null);
        }

        var key = arguments.Count > 0 ? PythonLiterals.Str(arguments[0]) : string.Empty;
        if (ConfigPath.TrySelect(_runtimeParams, key, out var value))
        {
            return ConfigTree.Copy(value, normalizeScalars: true);
        }

        return arguments.Count > 1
            ? arguments[1]
            : throw new InterpolationProblem(ConfigErrors.RuntimeParamNotFound(key), expression,
                $"pass it with '--params {key}=<value>', or give a default: '${{runtime_params:{key},default}}'.");
    }

    /// <summary>An interpolation failure, turned into a <see cref="BadConfigException"/> naming the value's key and file.</summary>
    private sealed class InterpolationProblem(string message, string expression, string? hint, Exception? inner = null)
        : Exception(message, inner)
    {
        public string Expression { get; } = expression;

        public string? Hint { get; } = hint;
    }
}

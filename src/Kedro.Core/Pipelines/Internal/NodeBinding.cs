namespace Kedro.Pipelines.Internal;

/// <summary>
/// How a node's input datasets fill its function's arguments, worked out once at construction with Kedro's
/// rules: a single name or a list binds by position (extras go to a <c>params</c> array), a dictionary binds
/// by parameter name; omitted parameters must have defaults.
/// </summary>
internal sealed class NodeBinding
{
    private readonly NodeFunction _function;
    private readonly string?[] _argDatasets;
    private readonly object?[] _template;
    private readonly int _paramsIndex;
    private readonly string[] _paramsDatasets;
    private readonly Type? _paramsElementType;

    private NodeBinding(NodeFunction function, string[] inputs, string?[] argDatasets, object?[] template,
        int paramsIndex, string[] paramsDatasets)
    {
        _function = function;
        Inputs = inputs;
        _argDatasets = argDatasets;
        _template = template;
        _paramsIndex = paramsIndex;
        _paramsDatasets = paramsDatasets;
        _paramsElementType = paramsIndex >= 0 ? function.Parameters.First(p => p.IsParamsArray).Type.GetElementType() : null;
        Distinct = [.. inputs];
    }

    /// <summary>The node's inputs list (dictionary inputs ordered by the function's parameters).</summary>
    public string[] Inputs { get; }

    /// <summary>The distinct input names (Kedro compares inputs as a set).</summary>
    public HashSet<string> Distinct { get; }

    /// <summary>Binds <paramref name="inputs"/> to the function, or returns <see langword="null"/> when they do not fit its signature.</summary>
    public static NodeBinding? Bind(NodeFunction function, DatasetNames inputs)
    {
        var parameters = function.Parameters;
        var argDatasets = new string?[function.ArgCount];
        var template = new object?[function.ArgCount];
        var bound = new bool[parameters.Count];
        var paramsIndex = -1;
        string[] paramsDatasets = [];
        string[] ordered;

        if (inputs.IsDictionary)
        {
            var order = new List<(int Position, string Dataset)>(inputs.Count);
            foreach (var (key, dataset) in inputs.Entries)
            {
                var position = -1;
                for (var p = 0; p < parameters.Count; p++)
                {
                    if (!parameters[p].IsParamsArray && string.Equals(parameters[p].Name, key, StringComparison.Ordinal))
                    {
                        position = p;
                        break;
                    }
                }

                if (position < 0)
                {
                    return null;
                }

                bound[position] = true;
                argDatasets[parameters[position].ArgIndex] = dataset;
                order.Add((position, dataset));
            }

            ordered = [.. order.OrderBy(entry => entry.Position).Select(entry => entry.Dataset)];
        }
        else
        {
            ordered = [.. inputs.Names];
            var positional = parameters.Count > 0 && parameters[^1].IsParamsArray ? parameters.Count - 1 : parameters.Count;
            if (ordered.Length > positional && positional == parameters.Count)
            {
                return null;
            }

            for (var i = 0; i < Math.Min(ordered.Length, positional); i++)
            {
                bound[i] = true;
                argDatasets[parameters[i].ArgIndex] = ordered[i];
            }

            if (positional < parameters.Count)
            {
                bound[positional] = true;
                paramsIndex = parameters[positional].ArgIndex;
                paramsDatasets = ordered.Length > positional ? ordered[positional..] : [];
            }
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            if (bound[p])
            {
                continue;
            }

            if (parameters[p].IsParamsArray)
            {
                paramsIndex = parameters[p].ArgIndex;
                continue;
            }

            if (!parameters[p].HasDefault)
            {
                return null;
            }

            template[parameters[p].ArgIndex] = parameters[p].DefaultValue;
        }

        return new NodeBinding(function, ordered, argDatasets, template, paramsIndex, paramsDatasets);
    }

    /// <summary>The declared CLR type of the argument that receives <paramref name="dataset"/>, or <see langword="null"/>.</summary>
    public Type? InputType(string dataset)
    {
        foreach (var parameter in _function.Parameters)
        {
            if (string.Equals(_argDatasets[parameter.ArgIndex], dataset, StringComparison.Ordinal))
            {
                return parameter.Type;
            }
        }

        return _paramsIndex >= 0 && Array.IndexOf(_paramsDatasets, dataset) >= 0 ? _paramsElementType : null;
    }

    /// <summary>Builds the argument array from the (already validated) input values.</summary>
    public object?[] Arguments(IReadOnlyDictionary<string, object?> inputs, CancellationToken cancellationToken)
    {
        var args = _argDatasets.Length == 0 ? [] : new object?[_argDatasets.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var dataset = _argDatasets[i];
            args[i] = dataset is not null ? inputs[dataset] : _template[i];
        }

        if (_paramsIndex >= 0)
        {
            var array = Array.CreateInstance(_paramsElementType!, _paramsDatasets.Length);
            for (var i = 0; i < _paramsDatasets.Length; i++)
            {
                array.SetValue(inputs[_paramsDatasets[i]], i);
            }

            args[_paramsIndex] = array;
        }

        if (_function.TokenIndex >= 0)
        {
            args[_function.TokenIndex] = cancellationToken;
        }

        return args;
    }
}

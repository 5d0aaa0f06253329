using Kedro.Pipelines.Internal;

namespace Kedro.Pipelines;

public sealed partial class Pipeline
{
    /// <summary>
    /// A modular pipeline (Kedro's <c>pipeline(p, inputs=, outputs=, parameters=, tags=, namespace=)</c>): a copy
    /// of <paramref name="pipeline"/> with its nodes tagged, namespaced and their datasets renamed.
    /// </summary>
    /// <param name="pipeline">The pipeline to copy.</param>
    /// <param name="inputs">
    /// Free inputs to expose: a name or names keep their names (they are not prefixed with the namespace); a
    /// dictionary renames them (old to new).
    /// </param>
    /// <param name="outputs">Outputs (free or intermediate) to expose or rename, like <paramref name="inputs"/>.</param>
    /// <param name="parameters">
    /// Parameters to keep or rename, with or without the <c>params:</c> prefix; the others are namespaced.
    /// </param>
    /// <param name="tags">Tags added to every node.</param>
    /// <param name="namespace">
    /// The namespace: node names become <c>namespace.name</c> (nested under an existing namespace), and every
    /// other dataset <c>namespace.dataset</c> and parameter <c>params:namespace.p</c>.
    /// </param>
    /// <param name="prefixDatasetsWithNamespace">Whether datasets and parameters get the namespace prefix.</param>
    /// <exception cref="PipelineException">A mapped name is not in the pipeline (close names are suggested), a
    /// parameter is given as an input or output, an input is not a free input, or an output is a free input.</exception>
    public Pipeline(
        Pipeline pipeline,
        DatasetNames? inputs = null,
        DatasetNames? outputs = null,
        DatasetNames? parameters = null,
        IEnumerable<string>? tags = null,
        string? @namespace = null,
        bool prefixDatasetsWithNamespace = true)
        : this(new FlatNodes(MapNodes(pipeline, inputs, outputs, parameters, tags, @namespace, prefixDatasetsWithNamespace)))
    {
    }

    private static Node[] MapNodes(
        Pipeline pipeline,
        DatasetNames? inputs,
        DatasetNames? outputs,
        DatasetNames? parameters,
        IEnumerable<string>? tags,
        string? @namespace,
        bool prefix)
    {
        if (pipeline is null)
        {
            throw PipelineErrors.NodesIsNull(nameof(pipeline));
        }

        var tagArray = tags?.ToArray() ?? [];
        var nodes = tagArray.Length == 0
            ? [.. pipeline._nodes]
            : pipeline._nodes.Select(node => node.Tag(tagArray)).ToArray();

        if (IsEmpty(inputs) && IsEmpty(outputs) && IsEmpty(parameters) && string.IsNullOrEmpty(@namespace))
        {
            return nodes;
        }

        var inputMap = DatasetMapping(inputs);
        var outputMap = DatasetMapping(outputs);
        var parameterMap = ParameterMapping(parameters);
        ValidateMappedNamesExist(pipeline, inputMap.Keys, outputMap.Keys, parameterMap.Keys);
        ValidateMappedInputsOutputs(pipeline, inputMap.Keys, outputMap.Keys);

        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var map in new[] { inputMap, outputMap, parameterMap })
        {
            foreach (var (key, value) in map)
            {
                mapping[key] = value;
            }
        }

        var ns = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        string Rename(string name)
        {
            if (mapping.TryGetValue(name, out var mapped))
            {
                return mapped;
            }

            if (string.Equals(name, AllParameters, StringComparison.Ordinal))
            {
                return name;
            }

            var (baseName, transcoder) = Transcoding.Split(name);
            if (!string.Equals(baseName, name, StringComparison.Ordinal) && mapping.TryGetValue(baseName, out var mappedBase))
            {
                return mappedBase + Transcoding.Separator + transcoder;
            }

            if (ns is not null && prefix)
            {
                return name.StartsWith(ParamsPrefix, StringComparison.Ordinal)
                    ? ParamsPrefix + ns + "." + name[ParamsPrefix.Length..]
                    : ns + "." + name;
            }

            return name;
        }

        return Array.ConvertAll(nodes, node => node.Copy(
            renameInput: Rename,
            renameOutput: Rename,
            renameConfirm: Rename,
            @namespace: ns is null ? null : node.Namespace is null ? ns : ns + "." + node.Namespace));
    }

    private static bool IsEmpty(DatasetNames? names) => names is not { IsEmpty: false };

    private static Dictionary<string, string> DatasetMapping(DatasetNames? names)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (names is not { IsEmpty: false } given)
        {
            return map;
        }

        if (given.IsDictionary)
        {
            foreach (var (key, value) in given.Entries)
            {
                map[key] = value;
            }
        }
        else
        {
            foreach (var name in given.Names)
            {
                map[name] = name;
            }
        }

        return map;
    }

    private static Dictionary<string, string> ParameterMapping(DatasetNames? names)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in DatasetMapping(names))
        {
            if (string.Equals(key, AllParameters, StringComparison.Ordinal))
            {
                map[key] = key;
            }
            else
            {
                map[WithParamsPrefix(key)] = WithParamsPrefix(value);
            }
        }

        return map;

        static string WithParamsPrefix(string name) =>
            name.StartsWith(ParamsPrefix, StringComparison.Ordinal) ? name : ParamsPrefix + name;
    }

    private static void ValidateMappedNamesExist(
        Pipeline pipeline,
        IEnumerable<string> inputs,
        IEnumerable<string> outputs,
        IEnumerable<string> parameters)
    {
        var existing = pipeline.StrippedDatasets();
        var missing = inputs.Select(Transcoding.Strip)
            .Concat(outputs.Select(Transcoding.Strip))
            .Concat(parameters)
            .Where(name => !existing.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var candidates = existing.Order(StringComparer.Ordinal).ToList();
        var suggestions = missing.SelectMany(name => CloseMatches.Find(name, candidates)).ToList();
        throw PipelineErrors.MappingFailed(missing, suggestions);
    }

    private static void ValidateMappedInputsOutputs(Pipeline pipeline, IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        var strippedInputs = inputs.Select(Transcoding.Strip).ToList();
        var strippedOutputs = outputs.Select(Transcoding.Strip).ToList();
        if (strippedInputs.Concat(strippedOutputs).Any(IsParameter))
        {
            throw PipelineErrors.ParametersUnderInputs();
        }

        var freeInputs = new HashSet<string>(pipeline.Inputs().Select(Transcoding.Strip), StringComparer.Ordinal);
        if (!strippedInputs.All(freeInputs.Contains))
        {
            throw PipelineErrors.InputsNotFree();
        }

        if (strippedOutputs.Any(freeInputs.Contains))
        {
            throw PipelineErrors.OutputsAreFreeInputs();
        }
    }

    private static bool IsParameter(string name) =>
        string.Equals(name, AllParameters, StringComparison.Ordinal) || name.StartsWith(ParamsPrefix, StringComparison.Ordinal);
}

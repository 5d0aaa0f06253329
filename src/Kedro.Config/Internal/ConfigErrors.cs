
namespace Kedro.Config.Internal;

/// <summary>Creates the configuration loader's exceptions and the messages of its interpolation problems, in Kedro's words where Kedro has them.</summary>
internal static class ConfigErrors
{
    public const string AcceptedMergeStrategies = "['soft', 'destructive']";

    public const string GlobalsUnderscore = "Keys starting with '_' are not supported for globals.";

    public const string RuntimeParamsInGlobals = "The `runtime_params:` resolver is not supported for globals.";

    public const string RecursiveInterpolation = "Recursive interpolation detected";

    public static MissingConfigException ConfigPathMissing(string path) =>
        new($"Given configuration path either does not exist or is not a valid directory: {path}");

    public static MissingConfigException NoFiles(string basePath, string envPath, IEnumerable<string> patterns) =>
        new($"No files of YAML or JSON format found in {basePath} or {envPath} matching the glob pattern(s): {PythonLiterals.List(patterns)}");

    public static KeyNotFoundException NoPatterns(string key) =>
        new($"No config patterns were found for '{key}' in your config loader");

    public static string DuplicateKeys(string file1, string file2, IEnumerable<string> keys)
    {
        var sorted = string.Join(", ", keys.Order(StringComparer.Ordinal));
        if (sorted.Length > 100)
        {
            sorted = string.Concat(sorted.AsSpan(0, 100), "...");
        }

        return $"Duplicate keys found in {file1} and {file2}: {sorted}";
    }

    public static BadConfigException DuplicateKeysAcrossFiles(IReadOnlyList<string> lines, IReadOnlyList<string> locations, string firstFile)
    {
        const int MaxLocations = 10;
        var shown = locations.Take(MaxLocations).ToList();
        if (locations.Count > MaxLocations)
        {
            shown.Add($"  ... and {locations.Count - MaxLocations} more");
        }

        return new(string.Join("\n", lines)
            + "\n" + string.Join("\n", shown)
            + "\nHint: within one environment a key may be defined in only one file; keep one definition, or prefix helper "
            + "keys used only for interpolation with '_'.",
            firstFile, 0, 0);
    }

    public static string DuplicateKeyLocation(string key, SourceMark first, SourceMark second) =>
        $"  '{key}' is defined at line {first.Line} of {first.Source} and at line {second.Line} of {second.Source}";

    public static BadConfigException InvalidYaml(string file, int line, int column, string problem, Exception? inner) =>
        new($"Invalid YAML or JSON file {file.Replace('\\', '/')}, unable to read line {line}, position {column}.\n{problem}",
            file, line, column, inner);

    public static BadConfigException DuplicateKeyInFile(string file, string key, SourceMark duplicate, SourceMark first) =>
        new($"Duplicate key '{key}' in '{file}' at line {duplicate.Line}, column {duplicate.Column}: it is already defined "
            + $"at line {first.Line}. A key may appear only once in a mapping; remove or rename one of them.",
            file, duplicate.Line, duplicate.Column);

    public static BadConfigException TopLevelNotMapping(string file, string found, SourceMark mark) =>
        new($"Config file '{file}' must contain a mapping of keys to values at the top level, but it contains {found} "
            + $"(line {mark.Line}). Put the values under keys, e.g. 'my_key: ...'.",
            file, mark.Line, mark.Column);

    public static BadConfigException UnsupportedTag(string file, string tag, SourceMark mark) =>
        new($"Invalid YAML or JSON file {file.Replace('\\', '/')}, unable to read line {mark.Line}, position {mark.Column}.\n"
            + $"Could not determine a constructor for the tag '{tag}'; only the standard tags (!!str, !!int, !!float, !!bool, !!null) are supported.",
            file, mark.Line, mark.Column);

    public static BadConfigException UnknownAnchor(string file, string anchor, SourceMark mark) =>
        new($"Invalid YAML or JSON file {file.Replace('\\', '/')}, unable to read line {mark.Line}, position {mark.Column}.\n"
            + $"Found undefined alias '*{anchor}'; define the anchor '&{anchor}' before using it.",
            file, mark.Line, mark.Column);

    public static BadConfigException BadMergeKey(string file, SourceMark mark) =>
        new($"Invalid YAML or JSON file {file.Replace('\\', '/')}, unable to read line {mark.Line}, position {mark.Column}.\n"
            + "A merge key '<<' expects a mapping or a list of mappings.",
            file, mark.Line, mark.Column);

    public static BadConfigException CannotMergeMappingWithList(string fullKey) =>
        new($"Cannot merge DictConfig with ListConfig\n    full_key: {fullKey}\n"
            + $"Hint: '{fullKey}' is a mapping in one environment and a list in the other; a soft merge can only merge two mappings. "
            + "Give it the same kind of value in both, or use the 'destructive' merge strategy for this configuration.");

    public static BadConfigException MergeStrategy(string strategy) =>
        new($"Merging strategy {strategy} not supported. The accepted merging strategies are {AcceptedMergeStrategies}.");

    public static string GlobalsKeyNotFound(string key) => $"Globals key '{key}' not found and no default value provided.";

    public static string RuntimeParamNotFound(string key) => $"Runtime parameter '{key}' not found and no default value provided.";

    public static string UnsupportedInterpolationType(string name) => $"Unsupported interpolation type {name}";

    public static string InterpolationKeyNotFound(string reference) => $"Interpolation key '{reference}' not found";

    public static string EnvironmentVariableNotFound(string name) => $"Environment variable '{name}' not found";

    public static FormatException UnclosedInterpolation() =>
        new("Missing closing '}' in the interpolation; write '${key}', or '\\${' for a literal '${'.");

    public static FormatException NotAKeyValuePair(string mapping, string pair) =>
        new($"Expected 'key: value' in the mapping '{mapping}', found '{pair}'.");

    public static string ResolverFailed(string name, Exception error) => $"Resolver '{name}' failed: {error.Message}";

    /// <summary>Adds where an interpolation failed: the expression, the key path, the configuration and the file.</summary>
    public static BadConfigException InterpolationFailed(
        string message, string expression, string configKey, string keyPath, SourceMark mark, string? hint = null, Exception? inner = null)
    {
        var text = $"{message}\nWhile resolving '{expression}' for key '{keyPath}' of the '{configKey}' configuration in {mark.Describe()}.";
        if (hint is not null)
        {
            text += "\nHint: " + hint;
        }

        return new BadConfigException(text, mark.HasLine ? mark.Source : null, mark.Line, mark.Column, inner);
    }

    public static string SameEnvironmentHint(string configKey) => configKey == "credentials"
        ? "in credentials '${...}' refers to keys of the same file (each credentials file is resolved on its own, as in Kedro); "
            + "move the value into this file, or use '${globals:...}' or '${oc.env:...}'."
        : $"'${{...}}' refers to keys of the same '{configKey}' configuration in the same environment (files of base and of the "
        + "run environment are resolved separately); use '${globals:...}' for values shared across files or environments.";
}

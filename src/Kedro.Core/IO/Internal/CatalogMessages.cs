using System.Globalization;
using System.Text;

namespace Kedro.IO.Internal;

/// <summary>Kedro's catalog messages, in one place.</summary>
internal static class CatalogMessages
{
    public const string DatasetsUrl = "https://docs.kedro.org/en/stable/catalog-data/data_catalog/";

    public static string NotFound(string name) => $"Dataset '{name}' not found in the catalog";

    public static string NotAValidConfig(string name) =>
        $"Catalog entry '{name}' is not a valid dataset configuration. " +
        "\nHint: If this catalog entry is intended for variable interpolation, make sure that the key is preceded by an underscore.";

    public static string TypeMissing(string name) =>
        ParsingFailed(name, "'type' is missing from dataset catalog configuration." +
            "\nHint: If this catalog entry is intended for variable interpolation, make sure that the top level key is preceded by an underscore.");

    public static string ParsingFailed(string name, string detail) =>
        $"An exception occurred when parsing config for dataset '{name}':\n{detail}";

    public static string UnknownType(string type) =>
        $"Class '{type}' not found, is this a typo?" +
        $"\nHint: Kedro.NET never loads a type named in configuration; dataset types must be registered first. " +
        $"Register it with 'DatasetTypeRegistry.Default.Register(\"{type}\", context => ...)' (or on the registry passed to the catalog), " +
        "or reference the package that registers it (Kedro.Datasets registers its types under their Kedro names, such as 'pandas.CSVDataset').";

    public const string RelativeTypePath =
        "'type' class path does not support relative paths or paths ending with a dot.";

    public static string InvalidArguments(string name, string type, Exception error) =>
        $"{Sentence(error.Message)}\nDataset '{name}' must only contain arguments valid for the constructor of '{type}'.";

    public static string FailedToInstantiate(string name, string type, Exception error) =>
        $"{Sentence(error.Message)}\nFailed to instantiate dataset '{name}' of type '{type}'.";

    /// <summary>A message as one sentence: trimmed, ending with a full stop unless it ends with punctuation already.</summary>
    internal static string Sentence(string message)
    {
        var text = message.Trim();
        return text.Length == 0 || text[^1] is '.' or '!' or '?' ? text : text + ".";
    }

    public static string LoadVersionsNotFound(IEnumerable<string> names) =>
        $"'load_versions' keys [{string.Join(", ", names.Order(StringComparer.Ordinal))}] are not found in the catalog.";

    public static string LoadVersionsNotVersioned(IReadOnlyCollection<string> names) =>
        $"'load_versions' names {(names.Count == 1 ? "a dataset that is" : "datasets that are")} not versioned: " +
        $"{string.Join(", ", names.Order(StringComparer.Ordinal).Select(static n => "'" + n + "'"))}. A version can only be loaded from a " +
        "dataset whose catalog entry sets 'versioned: true'; set it there, or leave the dataset out of the load versions ('--load-versions' on the command line).";

    public static string CredentialsNotAMapping(string dataset, string? reference, object? value) =>
        (reference is null
            ? $"The credentials of dataset '{dataset}' are {DescribeValue(value)}, but must be a mapping"
            : $"The credentials '{reference}' that dataset '{dataset}' refers to are {DescribeValue(value)}, but must be a mapping") +
        " of the dataset's credential arguments (for example 'con: ...', or 'key: ...' and 'secret: ...'). " +
        "Write them as a mapping under their name in credentials.yml and refer to that name with 'credentials: <name>'.";

    private static string DescribeValue(object? value) => value switch
    {
        null => "empty",
        string text => $"the text '{text}'",
        System.Collections.IList => "a list",
        _ => $"the value '{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}'",
    };

    public static string CredentialsNotFound(string name) =>
        $"Unable to find credentials '{name}': check your data catalog and credentials configuration. See {DatasetsUrl} for an example.";

    public static string MultipleCatchAll(IEnumerable<string> patterns) =>
        $"Multiple catch-all patterns found in the catalog: {string.Join(", ", patterns)}. Only one catch-all pattern is allowed, remove the extras.";

    public static string IncorrectPatternConfig(IEnumerable<string> keys, string pattern) =>
        $"Incorrect dataset configuration provided. Keys used in the configuration {PythonSet(keys)} should present in the dataset pattern name {pattern}.";

    public static string PatternFormatFailed(string name, string pattern, string value, string problem) =>
        $"{problem}\nWhile resolving dataset '{name}' from the dataset factory pattern '{pattern}': the configuration value '{value}' "
        + "is not a valid format string.\nHint: write '{{' and '}}' for literal braces.";

    public static string NoConfirm(string name) => $"Dataset '{name}' does not have 'confirm' method";

    public static string SaveVersionConflict(string name, string datasetSaveVersion, string catalogSaveVersion) =>
        $"Cannot add a dataset `{name}` with `{datasetSaveVersion}` save version. Save version set for the catalog is `{catalogSaveVersion}`" +
        "All datasets in the catalog must have the same save version.";

    public static string WrongLoadedType(string name, object? value, Type requested) =>
        value is null
            ? $"Dataset '{name}' loaded 'null', which cannot be returned as '{TypeName(requested)}'."
            : $"Dataset '{name}' loaded a value of type '{TypeName(value.GetType())}', which is not a '{TypeName(requested)}'.";

    public const string CachedDatasetArgument =
        "The argument type of 'dataset' should be either a dict/YAML representation of the dataset, or the actual dataset object.";

    public const string CachedVersionedInside =
        "Cached datasets should specify that they are versioned in the 'CachedDataset', not in the wrapped dataset.";

    public static string UnexpectedArgument(string type, string argument) =>
        $"'{type}' got an unexpected keyword argument '{argument}'";

    public static string InvalidCopyMode(object? mode) =>
        $"Invalid copy mode: {mode}. Possible values are: deepcopy, copy, assign.";

    /// <summary>A Python set literal of strings: <c>{'a', 'b'}</c>, sorted so messages are stable.</summary>
    public static string PythonSet(IEnumerable<string> items) =>
        "{" + string.Join(", ", items.Order(StringComparer.Ordinal).Select(i => "'" + i + "'")) + "}";

    /// <summary>A readable type name: <c>List&lt;Int32&gt;</c> rather than the CLR's mangled generic name.</summary>
    public static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var builder = new StringBuilder(tick >= 0 ? name[..tick] : name).Append('<');
        builder.AppendJoin(", ", type.GetGenericArguments().Select(TypeName));
        return builder.Append('>').ToString();
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}


namespace Kedro.IO.Internal;

/// <summary>Creates the exceptions of the data catalog and its configuration with Kedro's messages, in one place.</summary>
internal static class CatalogErrors
{
    public const string DatasetsUrl = "https://docs.kedro.org/en/stable/catalog-data/data_catalog/";

    private const string RelativeTypePath = "'type' class path does not support relative paths or paths ending with a dot.";

    public static DatasetNotFoundException NotFound(string name) => new($"Dataset '{name}' not found in the catalog");

    public static DatasetException NotAValidConfig(string name) =>
        new($"Catalog entry '{name}' is not a valid dataset configuration. " +
            "\nHint: If this catalog entry is intended for variable interpolation, make sure that the key is preceded by an underscore.");

    public static DatasetException TypeMissing(string name) =>
        ParsingFailed(name, "'type' is missing from dataset catalog configuration." +
            "\nHint: If this catalog entry is intended for variable interpolation, make sure that the top level key is preceded by an underscore.");

    public static DatasetException TypeNotAName(string name, object? typeValue) =>
        ParsingFailed(name, $"'type' must be the name of a registered dataset type, not {(typeValue is null ? "null" : $"a '{TypeNames.OfValue(typeValue)}'")}.");

    public static DatasetException RelativeType(string name) => ParsingFailed(name, RelativeTypePath);

    public static DatasetException UnknownType(string name, string type) =>
        ParsingFailed(name, $"Class '{type}' not found, is this a typo?" +
            $"\nHint: Kedro.NET never loads a type named in configuration; dataset types must be registered first. " +
            $"Register it with 'DatasetTypeRegistry.Default.Register(\"{type}\", context => ...)' (or on the registry passed to the catalog), " +
            "or reference the package that registers it (Kedro.Datasets registers its types under their Kedro names, such as 'pandas.CSVDataset').");

    public static DatasetException UnavailableType(string name, string guidance) =>
        ParsingFailed(name, guidance);

    private static DatasetException ParsingFailed(string name, string detail) =>
        new($"An exception occurred when parsing config for dataset '{name}':\n{detail}");

    public static DatasetException InvalidArguments(string name, string type, Exception error) =>
        new(InvalidArgumentsMessage(name, type, error), error);

    public static string InvalidArgumentsMessage(string name, string type, Exception error) =>
        $"{Sentences.Of(error.Message)}\nDataset '{name}' must only contain arguments valid for the constructor of '{type}'.";

    public static DatasetException FailedToInstantiate(string name, string type, Exception error) =>
        new($"{Sentences.Of(error.Message)}\nFailed to instantiate dataset '{name}' of type '{type}'.", error);

    public static DatasetNotFoundException LoadVersionsNotFound(IEnumerable<string> names) =>
        new($"'load_versions' keys [{string.Join(", ", names.Order(StringComparer.Ordinal))}] are not found in the catalog.");

    public static DatasetException LoadVersionsNotVersioned(IReadOnlyCollection<string> names) =>
        new($"'load_versions' names {(names.Count == 1 ? "a dataset that is" : "datasets that are")} not versioned: " +
            $"{string.Join(", ", names.Order(StringComparer.Ordinal).Select(static n => "'" + n + "'"))}. A version can only be loaded from a " +
            "dataset whose catalog entry sets 'versioned: true'; set it there, or leave the dataset out of the load versions ('--load-versions' on the command line).");

    public static DatasetException CredentialsNotAMapping(string dataset, string? reference, object? value) =>
        new((reference is null
            ? $"The credentials of dataset '{dataset}' are {DescribeValue(value)}, but must be a mapping"
            : $"The credentials '{reference}' that dataset '{dataset}' refers to are {DescribeValue(value)}, but must be a mapping") +
            " of the dataset's credential arguments (for example 'con: ...', or 'key: ...' and 'secret: ...'). " +
            "Write them as a mapping under their name in credentials.yml and refer to that name with 'credentials: <name>'.");

    private static string DescribeValue(object? value) => value switch
    {
        null => "empty",
        string text => $"the text '{text}'",
        System.Collections.IList => "a list",
        _ => $"the value '{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}'",
    };

    public static KeyNotFoundException CredentialsNotFound(string name) =>
        new($"Unable to find credentials '{name}': check your data catalog and credentials configuration. See {DatasetsUrl} for an example.");

    public static DatasetException MultipleCatchAll(IEnumerable<string> patterns) =>
        new($"Multiple catch-all patterns found in the catalog: {string.Join(", ", patterns)}. Only one catch-all pattern is allowed, remove the extras.");

    public static DatasetException IncorrectPatternConfig(IEnumerable<string> keys, string pattern) =>
        new($"Incorrect dataset configuration provided. Keys used in the configuration {PythonLiterals.Set(keys)} should present in the dataset pattern name {pattern}.");

    public static DatasetException PatternFormatFailed(string name, string pattern, string value, Exception error) =>
        new($"{error.Message}\nWhile resolving dataset '{name}' from the dataset factory pattern '{pattern}': the configuration value '{value}' "
            + "is not a valid format string.\nHint: write '{{' and '}}' for literal braces.", error);

    public static DatasetException VersionOfInstance(string name, string? version) =>
        new($"Dataset '{name}' cannot be loaded at version '{version}': it was added as an instance, and only datasets created from configuration can be re-created with another version.");

    /// <summary>Python's <c>str.format</c> error for a format string it cannot parse, with Python's words.</summary>
    public static FormatException BadFormatString(string pythonMessage) => new(pythonMessage);

    public static DatasetException NoConfirm(string name) => new($"Dataset '{name}' does not have 'confirm' method");

    public static VersionAlreadyExistsException SaveVersionConflict(string name, string datasetSaveVersion, string catalogSaveVersion) =>
        new($"Cannot add a dataset `{name}` with `{datasetSaveVersion}` save version. Save version set for the catalog is `{catalogSaveVersion}`" +
            "All datasets in the catalog must have the same save version.");

    public static DatasetException WrongLoadedType(string name, object? value, Type requested) =>
        new(value is null
            ? $"Dataset '{name}' loaded 'null', which cannot be returned as '{TypeNames.Of(requested)}'."
            : $"Dataset '{name}' loaded a value of type '{TypeNames.OfValue(value)}', which is not a '{TypeNames.Of(requested)}'.");

    public static DatasetException NotConvertible(string name, object? value, Type requested, string reason) =>
        new($"Dataset '{name}' loaded a value of type '{TypeNames.OfValue(value)}', which is not a '{TypeNames.Of(requested)}' "
            + $"and cannot be converted to one: {reason.TrimEnd('.')}.");

    public static DatasetException CachedDatasetArgument() =>
        new("The argument type of 'dataset' should be either a dict/YAML representation of the dataset, or the actual dataset object.");

    public static DatasetException CachedVersionedInside() =>
        new("Cached datasets should specify that they are versioned in the 'CachedDataset', not in the wrapped dataset.");

    public static ArgumentException UnexpectedArgument(string type, string argument) => new(UnexpectedArgumentMessage(type, argument));

    public static string UnexpectedArgumentMessage(string type, string argument) =>
        $"'{type}' got an unexpected keyword argument '{argument}'";

    public static ArgumentException ArgumentOfWrongType(string name, string type, Type expected, object? value, Exception error) =>
        new($"Argument '{name}' of '{type}' must be a '{TypeNames.Of(expected)}', not '{value}'", error);
}

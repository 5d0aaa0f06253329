namespace Kedro.Shared.Text;

/// <summary>
/// Kedro's wording of a dataset that failed, for the core's dataset base classes and the datasets built on them alike
/// (src/Shared/Text).
/// </summary>
internal static class DatasetFailureText
{
    /// <summary>Kedro's <c>Failed while loading data from dataset ...</c> followed by the cause.</summary>
    public static string LoadFailed(object dataset, string detail) => $"Failed while loading data from dataset {dataset}.\n{detail}";

    /// <summary>Kedro's <c>Failed while saving data to dataset ...</c> followed by the cause.</summary>
    public static string SaveFailed(object dataset, string detail) => $"Failed while saving data to dataset {dataset}.\n{detail}";

    /// <summary>Kedro's message for a versioned save whose target already exists.</summary>
    public static string SavePathExists(string path, object dataset) =>
        $"Save path '{path}' for {dataset} must not exist if versioning is enabled.";

    /// <summary>A version string that would leave the dataset's folder.</summary>
    public static string UnsafeVersion(string? version) =>
        $"Version string '{version}' is not allowed. Version strings must be a single non-empty path component "
        + "with no path separators ('/' or '\\') and must not be '.' or '..'.";
}


namespace Kedro.IO.Internal;

/// <summary>Creates the exceptions of datasets with Kedro's messages, in one place so they stay consistent.</summary>
internal static class DatasetErrors
{
    internal const string SaveNullMessage = "Saving 'null' to a 'Dataset' is not allowed";

    internal const string NotSavedYetMessage = "Data for MemoryDataset has not been saved yet.";

    internal static DatasetException HttpVersioning() =>
        new("Versioning is not supported for HTTP protocols. Please remove the `versioned` flag from the dataset configuration.");

    internal static DatasetException NotSavedYet() => new(NotSavedYetMessage);

    internal static DatasetException SaveNull() => new(SaveNullMessage);

    internal static DatasetException LoadFailed(object dataset, Exception inner) =>
        new(DatasetFailureText.LoadFailed(dataset, inner.Message), inner);

    internal static DatasetException SaveFailed(object dataset, Exception inner) =>
        new(DatasetFailureText.SaveFailed(dataset, inner.Message), inner);

    internal static DatasetException ExistsFailed(object dataset, Exception inner) =>
        new($"Failed during exists check for dataset {dataset}.\n{inner.Message}", inner);

    internal static DatasetException ReleaseFailed(object dataset, Exception inner) =>
        new($"Failed during release for dataset {dataset}.\n{inner.Message}", inner);

    internal static DatasetException WrongType(object dataset, Type expected, Type actual) =>
        new(DatasetFailureText.SaveFailed(dataset, $"The dataset saves data of type '{TypeNames.Of(expected)}', but got '{TypeNames.Of(actual)}'."));

    internal static DatasetException InvalidCopyMode(object? mode) =>
        new($"Invalid copy mode: {mode}. Possible values are: deepcopy, copy, assign.");

    internal static DatasetException UnsafeVersion(string? version) => new(DatasetFailureText.UnsafeVersion(version));

    internal static VersionNotFoundException NoVersions(object dataset) => new($"Did not find any versions for {dataset}");

    internal static VersionNotFoundException NoVersions(object dataset, Exception inner) =>
        new($"Did not find any versions for {dataset}. This could be due to insufficient permission. Exception: {inner.Message}", inner);

    internal static DatasetException SavePathExists(string path, object dataset) => new(DatasetFailureText.SavePathExists(path, dataset));

    internal static DatasetException FileInTheWay(string filepath, Exception inner)
    {
        var basename = Path.GetFileName(filepath);
        var parent = Path.GetDirectoryName(filepath);
        parent = string.IsNullOrEmpty(parent) ? "." : parent.Replace('\\', '/');
        return new(
            $"Cannot save versioned dataset '{basename}' to '{parent}' because a file with the same name already exists in the directory. "
            + "This is likely because versioning was enabled on a dataset already saved previously. "
            + $"Either remove '{basename}' from the directory or manually convert it into a versioned dataset by placing it "
            + $"in a versioned directory (e.g. with default versioning format '{filepath}/YYYY-MM-DDThh.mm.ss.sssZ/{basename}').",
            inner);
    }
}

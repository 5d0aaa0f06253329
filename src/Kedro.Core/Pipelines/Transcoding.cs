using Kedro.Pipelines.Internal;

namespace Kedro.Pipelines;

/// <summary>
/// Kedro's transcoding helpers: a dataset name <c>name@format</c> refers to the same data as <c>name</c>,
/// loaded or saved through a different dataset (for example <c>cars@csv</c> and <c>cars@json</c>).
/// </summary>
public static class Transcoding
{
    /// <summary>The separator between a dataset name and its transcoding format: <c>@</c>.</summary>
    public const char Separator = '@';

    /// <summary>
    /// Splits a dataset name into its base name and transcoder: <c>"abc"</c> gives <c>("abc", "")</c>,
    /// <c>"abc@def"</c> gives <c>("abc", "def")</c>.
    /// </summary>
    /// <param name="datasetName">The dataset name.</param>
    /// <returns>The base name and the transcoder (empty when there is none).</returns>
    /// <exception cref="ArgumentException">The name holds more than one separator.</exception>
    public static (string Name, string Transcoder) Split(string datasetName)
    {
        ArgumentNullException.ThrowIfNull(datasetName);
        var first = datasetName.IndexOf(Separator, StringComparison.Ordinal);
        if (first < 0)
        {
            return (datasetName, string.Empty);
        }

        if (datasetName.IndexOf(Separator, first + 1) >= 0)
        {
            var count = datasetName.Count(c => c == Separator);
            throw PipelineErrors.TooManyTranscodingSeparators(datasetName, count);
        }

        return (datasetName[..first], datasetName[(first + 1)..]);
    }

    /// <summary>The base name of a dataset name, without its transcoder: <c>"abc@def"</c> gives <c>"abc"</c>.</summary>
    /// <param name="datasetName">The dataset name.</param>
    /// <returns>The base name.</returns>
    /// <exception cref="ArgumentException">The name holds more than one separator.</exception>
    public static string Strip(string datasetName) => Split(datasetName).Name;

    /// <summary>The base name without validation; cheap for names without a separator.</summary>
    internal static string StripFast(string datasetName)
    {
        var index = datasetName.IndexOf(Separator, StringComparison.Ordinal);
        return index < 0 ? datasetName : datasetName[..index];
    }
}

using System.Globalization;
using Kedro.Hooks;
using Kedro.Pipelines;

namespace Kedro.Hangfire.TestProject;

/// <summary>
/// Appends every node and dataset hook call to <c>hooks.log</c> in the project folder, one line each:
/// <c>{hook}|{node or dataset}|{process id}|{detail}</c>. The detail of a node hook is the run id; that of
/// <c>after_dataset_saved</c> is where the dataset's file is under <c>data/.runs</c> when it is an intermediate there,
/// else <c>-</c>.
/// </summary>
internal sealed class RecordingHooks : INodeHooks, IDatasetHooks
{
    public const string LogFile = "hooks.log";
    private static readonly Lock Gate = new();

    public IReadOnlyDictionary<string, object?>? BeforeNodeRun(NodeRunContext context)
    {
        Record("before_node_run", context.Node.Name, context.RunId);
        return null;
    }

    public void AfterNodeRun(NodeRunContext context, IReadOnlyDictionary<string, object?> outputs) =>
        Record("after_node_run", context.Node.Name, context.RunId);

    public void OnNodeError(Exception error, NodeRunContext context) => Record("on_node_error", context.Node.Name, context.RunId);

    public void BeforeDatasetLoaded(string datasetName, Node node) => Record("before_dataset_loaded", datasetName, node.Name);

    public void AfterDatasetLoaded(string datasetName, object? data, Node node) => Record("after_dataset_loaded", datasetName, node.Name);

    public void BeforeDatasetSaved(string datasetName, object? data, Node node) => Record("before_dataset_saved", datasetName, node.Name);

    public void AfterDatasetSaved(string datasetName, object? data, Node node) =>
        Record("after_dataset_saved", datasetName, RunFolderFile(datasetName) ?? "-");

    /// <summary>The file <c>data/.runs/*/data/{datasetName}.bin</c>, relative to the project folder, if there is one.</summary>
    private static string? RunFolderFile(string datasetName)
    {
        var runs = Path.Combine("data", ".runs");
        return Directory.Exists(runs)
            ? Directory.EnumerateFiles(runs, datasetName + ".bin", SearchOption.AllDirectories).FirstOrDefault()
            : null;
    }

    private static void Record(string hook, string name, string? detail)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{hook}|{name}|{Environment.ProcessId}|{detail}\n");
        lock (Gate)
        {
            File.AppendAllText(LogFile, line);
        }
    }
}

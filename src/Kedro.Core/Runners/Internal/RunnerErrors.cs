using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Runners.Internal;

/// <summary>The runners' exceptions, with Kedro's messages, built in one place.</summary>
internal static class RunnerErrors
{
    public static ArgumentException InputsNotFound(IEnumerable<string> missing, string catalogClassName) =>
        new($"Pipeline input(s) {PythonLiterals.Set(missing)} not found in the {catalogClassName}");

    public static ArgumentOutOfRangeException MaxWorkersNotPositive(string paramName) =>
        new(paramName, "max_workers should be positive");

    public static ArgumentException AsyncStreamingNode(Node node) =>
        new($"Async data loading and saving does not work with nodes wrapping generator functions. Please make sure you don't use `yield` anywhere in node {node}.");

    public static TaskException NoHookManager() =>
        new("No hook_manager provided. This is only allowed when running a ``Task`` with ``ParallelRunner``.");

    public static InvalidOperationException UnableToSchedule(
        IEnumerable<string> todo, IEnumerable<string> done, IEnumerable<string> ready) =>
        new("Unable to schedule new tasks although some nodes have not been run:\n"
            + $"todo_nodes = {PythonLiterals.Set(todo)}\ndone_nodes = {PythonLiterals.Set(done)}\nready_nodes = {PythonLiterals.Set(ready)}\ndone_futures = set()");

    public static InvalidOperationException CatalogInUse(IEnumerable<string> shared, string catalogClassName) =>
        new($"Cannot start the run: a run in progress on the same {catalogClassName} saves or uses the dataset(s) {PythonLiterals.Set(shared)}, "
            + "which one of the two runs saves, so each could load or release the other's data. Runs sharing a catalog may share only "
            + "datasets neither of them saves (intermediates the runner creates included). Wait for that run to end, give each run its "
            + "own catalog, or run a namespaced copy of the pipeline (new Pipeline(pipeline, @namespace: ...)) so its datasets have names of their own.");

    /// <summary>A node input that cannot be converted to the type of the parameter it fills.</summary>
    public static DatasetException NodeInputNotConvertible(string nodeName, string dataset, object? value, Type parameterType, string? reason)
    {
        var loaded = value is null ? "'null'" : $"a value of type '{TypeNames.OfValue(value)}'";
        var why = reason is null ? string.Empty : $" ({reason.TrimEnd('.')})";
        var parameter = TypeNames.Of(parameterType);
        return new($"Node '{nodeName}' cannot take dataset '{dataset}' as its parameter of type '{parameter}': the dataset loaded "
            + $"{loaded}, which cannot be converted to '{parameter}'{why}. Declare the parameter as "
            + (value is null ? "a nullable type" : $"'{TypeNames.OfValue(value)}' or 'object'")
            + $", or configure the dataset to load a '{parameter}'.");
    }

    public static InvalidOperationException NoOutcome(string executor, string node) =>
        new($"{executor}.RunNodeAsync returned no outcome for node '{node}'. Return NodeOutcome.Completed, NodeOutcome.Failed(exception) or NodeOutcome.Cancelled.");

    public static InvalidOperationException CancelledWithoutCancellation(string executor, string node) =>
        new($"{executor} reported node '{node}' as cancelled, but the run was not cancelled. An executor reports NodeOutcome.Cancelled "
            + "only when the run's cancellation token stopped the node; report NodeOutcome.Failed otherwise.");
}

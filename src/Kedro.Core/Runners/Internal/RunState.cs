using System.Runtime.InteropServices;
using Kedro.IO;
using Kedro.Pipelines;
using Kedro.Pipelines.Internal;
using Microsoft.Extensions.Logging;

namespace Kedro.Runners.Internal;

/// <summary>
/// The state of one run, owned by the scheduling loop (one thread at a time): the graph, the scheduler,
/// which nodes are done, and Kedro's load counts that release each intermediate after its last consumer.
/// </summary>
internal sealed class RunState
{
    private readonly Dictionary<string, int> _loadCounts;
    private readonly IReadOnlySet<string> _freeInputs;
    private readonly IReadOnlySet<string> _freeOutputs;
    private readonly ILogger _logger;

    public RunState(RunPlan plan)
    {
        Graph = plan.Pipeline.Graph;
        Scheduler = new Scheduler(Graph);
        Done = new bool[Graph.Nodes.Length];
        Catalog = plan.Catalog;
        _logger = plan.Logger;
        _freeInputs = plan.Pipeline.Inputs();
        _freeOutputs = plan.Pipeline.Outputs();
        _loadCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in Graph.Nodes)
        {
            foreach (var input in node.Inputs)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_loadCounts, input, out _)++;
            }
        }
    }

    public NodeGraph Graph { get; }

    public Scheduler Scheduler { get; }

    public bool[] Done { get; }

    public int DoneCount { get; private set; }

    public DataCatalog Catalog { get; }

    public bool AllDone => DoneCount == Done.Length;

    /// <summary>Records a finished node: Kedro's two log lines, then releases what no later node needs.</summary>
    public void Complete(int index)
    {
        var node = Graph.Nodes[index];
        Done[index] = true;
        DoneCount++;
        _logger.CompletedNode(node.Name);
        _logger.CompletedTasks(DoneCount, Done.Length);
        Release(node);
        Scheduler.Complete(index);
    }

    public void SuggestResume() => ResumeSuggestion.Log(_logger, Graph, Done, DoneCount, Catalog);

    /// <summary>Logs which nodes did not run and the resume suggestion; returns the exception to throw.</summary>
    public OperationCanceledException Cancelled(CancellationToken cancellationToken)
    {
        var notRun = NotDoneNames().ToList();
        _logger.RunCancelled(notRun.Count, string.Join(", ", notRun));
        SuggestResume();
        return new OperationCanceledException(cancellationToken);
    }

    public InvalidOperationException UnableToSchedule() =>
        RunnerErrors.UnableToSchedule(
            NotDoneNames(),
            Graph.Nodes.Where((_, i) => Done[i]).Select(node => node.Name),
            Scheduler.Ready.Select(i => Graph.Nodes[i].Name));

    private IEnumerable<string> NotDoneNames() => Graph.Nodes.Where((_, i) => !Done[i]).Select(node => node.Name);

    private void Release(Node node)
    {
        foreach (var input in node.Inputs)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_loadCounts, input);
            if (--count < 1 && !_freeInputs.Contains(input))
            {
                Catalog.Release(input);
            }
        }

        foreach (var output in node.Outputs)
        {
            if (_loadCounts.GetValueOrDefault(output) < 1 && !_freeOutputs.Contains(output))
            {
                Catalog.Release(output);
            }
        }
    }
}

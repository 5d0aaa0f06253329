using System.Runtime.CompilerServices;
using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Runners.Internal;

/// <summary>
/// The runs in progress on each catalog and the datasets each one saves and uses. A run starts only when no run in
/// progress on the same catalog uses a dataset it saves or saves a dataset it uses: two such runs would save into
/// each other's datasets (the runtime datasets of intermediates included) and release them under each other, so one
/// could load data the other produced.
/// </summary>
internal sealed class CatalogRuns
{
    private static readonly ConditionalWeakTable<DataCatalog, CatalogRuns> ByCatalog = [];

    private readonly Lock _lock = new();
    private readonly List<Claim> _active = [];

    /// <summary>Records a run of <paramref name="pipeline"/> on <paramref name="catalog"/> until the returned claim is disposed.</summary>
    /// <exception cref="InvalidOperationException">A run in progress on the catalog shares a dataset that one of the two saves.</exception>
    public static IDisposable Enter(DataCatalog catalog, Pipeline pipeline)
    {
        var runs = ByCatalog.GetValue(catalog, static _ => new CatalogRuns());
        var claim = new Claim(runs, pipeline);
        lock (runs._lock)
        {
            foreach (var other in runs._active)
            {
                var shared = claim.SharedWritten(other);
                if (shared.Count > 0)
                {
                    throw RunnerErrors.CatalogInUse(shared, catalog.GetType().Name);
                }
            }

            runs._active.Add(claim);
        }

        return claim;
    }

    /// <summary>One run's datasets, by name without transcoding (<c>a@csv</c> and <c>a@json</c> are the same data).</summary>
    private sealed class Claim(CatalogRuns runs, Pipeline pipeline) : IDisposable
    {
        private readonly HashSet<string> _saves = [.. pipeline.AllOutputs().Select(Transcoding.Strip)];
        private readonly HashSet<string> _uses = pipeline.StrippedDatasets();

        /// <summary>The datasets one of the two runs saves and the other uses.</summary>
        public List<string> SharedWritten(Claim other) =>
            [.. _saves.Where(other._uses.Contains).Union(other._saves.Where(_uses.Contains), StringComparer.Ordinal)];

        public void Dispose()
        {
            lock (runs._lock)
            {
                runs._active.Remove(this);
            }
        }
    }
}

using Kedro.Framework;
using Kedro.Hooks;
using Kedro.IO;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Spaceflights.RawData;

/// <summary>
/// Generates the raw data into the project's empty <c>data/01_raw</c> just before a run starts (Kedro's
/// <c>before_pipeline_run</c> hook), so <c>catalog</c> and <c>registry</c> commands never write data. A folder that
/// holds any data file, such as Kedro's real Spaceflights data, is never touched: a missing file among real ones is
/// reported by the run, not replaced by generated data. When the catalog keeps the raw data in database tables (the
/// <c>sql</c> environment), the tables that do not exist yet are then filled from the raw files
/// (<see cref="RawTableImport"/>); existing tables are never replaced.
/// </summary>
/// <param name="size">How much data to generate; <see cref="RawDataSize.Default"/> when <see langword="null"/>.</param>
internal sealed partial class RawDataHook(RawDataSize? size = null) : IPipelineHooks
{
    private static readonly ILogger Logger = KedroLogging.CreateLogger(typeof(RawDataHook).FullName!);

    /// <inheritdoc/>
    public void BeforePipelineRun(RunParams runParams, Pipeline pipeline, DataCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(runParams);
        if (runParams.ProjectPath is null)
        {
            return;
        }

        var rawFolder = Path.GetFullPath(Path.Combine(runParams.ProjectPath, "data", "01_raw"));
        var written = RawDataGenerator.WriteIfEmpty(rawFolder, size);
        if (written.Count > 0)
        {
            LogGenerated(Logger, string.Join(", ", written), rawFolder);
        }

        foreach (var (dataset, rows) in RawTableImport.ImportMissing(catalog, rawFolder))
        {
            LogImported(Logger, dataset, rows, rawFolder);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "'{Folder}' held no data, so sample raw data was generated: {Files}. These are synthetic, not Kedro's real Spaceflights data; put real files there to use them.")]
    private static partial void LogGenerated(ILogger logger, string files, string folder);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Table '{Dataset}' did not exist, so it was filled from '{Folder}' ({Rows} rows); later runs read the table as it is.")]
    private static partial void LogImported(ILogger logger, string dataset, long rows, string folder);
}

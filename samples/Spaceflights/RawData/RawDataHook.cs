using Kedro.Framework;
using Kedro.Hooks;
using Microsoft.Extensions.Logging;

namespace Spaceflights.RawData;

/// <summary>
/// Generates the raw data into the project's <c>data/01_raw</c> when files are missing, as soon as the project
/// context is created (Kedro's <c>after_context_created</c> hook). Files that exist, such as Kedro's real
/// Spaceflights data dropped in their place, are never touched.
/// </summary>
/// <param name="size">How much data to generate; <see cref="RawDataSize.Default"/> when <see langword="null"/>.</param>
internal sealed partial class RawDataHook(RawDataSize? size = null) : IContextHooks
{
    private static readonly ILogger Logger = KedroLogging.CreateLogger(typeof(RawDataHook).FullName!);

    /// <inheritdoc/>
    public void AfterContextCreated(object context)
    {
        if (context is not KedroContext kedroContext)
        {
            return;
        }

        var rawFolder = Path.Combine(kedroContext.ProjectPath, "data", "01_raw");
        var written = RawDataGenerator.WriteMissing(rawFolder, size);
        if (written.Count > 0)
        {
            var files = string.Join(", ", written);
            LogGenerated(Logger, files, rawFolder);
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Generated the raw data {Files} in '{Folder}'.")]
    private static partial void LogGenerated(ILogger logger, string files, string folder);
}

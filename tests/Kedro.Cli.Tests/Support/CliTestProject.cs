using Kedro.Framework;
using Kedro.Pipelines;
using Microsoft.Extensions.Logging;

namespace Kedro.Cli.Tests.Support;

/// <summary>
/// A small real project in a temporary folder: <c>numbers.txt</c> is parsed, summed and scaled into a text file, and a
/// JSON report is written through a dataset factory pattern. Deleted on dispose.
/// </summary>
public sealed class CliTestProject : IDisposable
{
    public const string Catalog = """
        numbers:
          type: text.TextDataset
          filepath: data/01_raw/numbers.txt
        total:
          type: text.TextDataset
          filepath: data/02_output/total.txt
        "{name}_report":
          type: json.JSONDataset
          filepath: data/03_reports/{name}.json
        """;

    public const string Parameters = """
        scale: 2
        nested:
          offset: 1
        """;

    private static readonly ILogger NodeLog = KedroLogging.CreateLogger("CliTestProject.Nodes");

    private readonly TempFolder _folder = new("kedro-cli");

    public CliTestProject()
    {
        Write("conf/base/catalog.yml", Catalog);
        Write("conf/base/parameters.yml", Parameters);
        _folder.Folder("conf/local");
        Write("data/01_raw/numbers.txt", "1\n2\n3\n4\n");
    }

    public string Path => _folder.Path;

    /// <summary>Writes a file under the project folder (creating folders) with <c>\n</c> line endings.</summary>
    public CliTestProject Write(string relativePath, string content)
    {
        _folder.Write(relativePath, content.ReplaceLineEndings("\n"));
        return this;
    }

    public string Read(string relativePath) => _folder.Read(relativePath);

    public bool Exists(string relativePath) => _folder.Exists(relativePath);

    public static Dictionary<string, Pipeline> Pipelines()
    {
        var processing = new Pipeline([
            Node.Create(Parse, "numbers", "values", name: "parse", tags: ["prep"]),
            Node.Create(Sum, new[] { "values", "params:scale" }, "total", name: "sum", tags: ["model"]),
        ]);
        var reporting = new Pipeline([
            Node.Create(Report, new[] { "total", "params:nested.offset" }, "summary_report", name: "report", tags: ["report"]),
        ]);
        var extra = new Pipeline(
            new Pipeline([Node.Create(Count, "numbers", "count", name: "count")]),
            inputs: "numbers",
            @namespace: "extra");
        return new Dictionary<string, Pipeline>
        {
            ["__default__"] = processing + reporting,
            ["data_processing"] = processing,
            ["reporting"] = reporting,
            ["extra"] = extra,
        };
    }

    /// <summary>Runs the command line in-process on this project with the writers captured.</summary>
    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, null, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, Func<KedroProjectBuilder, KedroProjectBuilder>? configure, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await KedroProject.RunAsync(
            args,
            project =>
            {
                project.AddPipelines(Pipelines).WithProjectPath(Path).WithConsole(output, error)
                    .ConfigureSettings(static s => s.ProjectName = "cli_test_project");
                return configure?.Invoke(project) ?? project;
            },
            cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose() => _folder.Dispose();

    private static int[] Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string Sum(int[] values, int scale)
    {
        var total = values.Sum() * scale;
        if (NodeLog.IsEnabled(LogLevel.Information))
        {
            NodeLog.LogInformation("Total is {Total}", total);
        }
        return total.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, object?> Report(string total, int offset) => new()
    {
        ["total"] = int.Parse(total, System.Globalization.CultureInfo.InvariantCulture) + offset,
    };

    private static int Count(string numbers) => numbers.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
}

/// <summary>What a command line call returned and wrote.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The node names from the <c>Running node: name: ...</c> lines, in order.</summary>
    public IReadOnlyList<string> NodesRun => Output.Split('\n')
        .Select(static l => l.IndexOf("Running node: ", StringComparison.Ordinal) is var i and >= 0 ? l[(i + "Running node: ".Length)..] : null)
        .Where(static l => l is not null)
        .Select(static l => l![..l!.IndexOf(':', StringComparison.Ordinal)])
        .ToList();
}

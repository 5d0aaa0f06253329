using System.Text;
using Kedro.Cli.Tests.Support;
using Kedro.Pipelines;

namespace Kedro.Cli.Tests;

/// <summary>The live view of <c>run</c> on an interactive ANSI terminal.</summary>
public sealed class LiveViewTests
{
    [Fact]
    public async Task Run_UnderSequentialRunner_DrawsTheViewWhileANodeRuns()
    {
        using var project = new CliTestProject();
        using var terminal = new WatchingWriter(" gate (");
        using var error = new StringWriter();

        // The node blocks its thread until the terminal shows it running: the view must be drawn by another thread.
        var gate = new Pipeline([
            Node.Create(
                (string numbers) => terminal.Seen.Wait(TimeSpan.FromSeconds(30))
                    ? numbers.Length
                    : throw new InvalidOperationException("The live view did not show the running node."),
                "numbers",
                "length",
                name: "gate"),
        ]);
        var exitCode = await KedroProject.RunAsync(
            ["run", "--runner", "SequentialRunner"],
            builder => builder
                .AddPipelines(() => new Dictionary<string, Pipeline> { ["__default__"] = gate })
                .WithProjectPath(project.Path)
                .WithTerminal(terminal, error));

        Assert.True(exitCode == 0, terminal + error.ToString());
        Assert.Contains("Running pipeline", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("Node durations", terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnderParallelRunner_ShowsTheNodesOwnLogLines()
    {
        using var project = new CliTestProject();
        using var terminal = new WatchingWriter("Total is");
        using var error = new StringWriter();

        var exitCode = await KedroProject.RunAsync(
            ["run", "--runner", "ParallelRunner", "--pipelines", "data_processing"],
            builder => builder
                .AddPipelines(CliTestProject.Pipelines)
                .WithProjectPath(project.Path)
                .WithTerminal(terminal, error));

        Assert.True(exitCode == 0, terminal + error.ToString());
        Assert.Matches(@"INFO +Total is 20", terminal.ToString());
        Assert.DoesNotContain("Running node:", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("sum", terminal.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A terminal's screen as text; <see cref="Seen"/> is set once <c>text</c> has been written.</summary>
    private sealed class WatchingWriter(string text) : StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture)
    {
        public ManualResetEventSlim Seen { get; } = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Seen.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Check()
        {
            if (!Seen.IsSet && GetStringBuilder().ToString().Contains(text, StringComparison.Ordinal))
            {
                Seen.Set();
            }
        }
    }
}

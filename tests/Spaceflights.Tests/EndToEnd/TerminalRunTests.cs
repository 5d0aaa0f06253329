using System.Diagnostics;
using System.Text.RegularExpressions;
using Spaceflights.Tests.Support;

namespace Spaceflights.Tests.EndToEnd;

/// <summary>The Spaceflights program in a real pseudo-terminal (<c>script</c>), as a user at a terminal sees it.</summary>
public sealed partial class TerminalRunTests
{
    [Theory]
    [InlineData("SequentialRunner")]
    [InlineData("ThreadRunner")]
    public async Task Run_InATerminal_ShowsTheLiveViewTheDurationsAndTheR2Line(string runner)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script"))
        {
            Assert.Fail("This test needs util-linux's 'script' to give the program a pseudo-terminal.");
        }

        using var project = new SpaceflightsCopy();
        var program = Path.Combine(AppContext.BaseDirectory, "Spaceflights.dll");
        var start = new ProcessStartInfo("/usr/bin/script", ["-qefc", $"dotnet \"{program}\" run --runner {runner}", "/dev/null"])
        {
            WorkingDirectory = project.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment.Remove("CI");
        start.Environment["TERM"] = "xterm-256color";
        start.Environment["COLUMNS"] = "120";
        start.Environment["LINES"] = "40";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var screen = AnsiEscape().Replace(await output, string.Empty);
        Assert.True(process.ExitCode == 0, screen + await error);
        Assert.Contains("Running pipeline", screen, StringComparison.Ordinal);
        Assert.Contains("Node durations", screen, StringComparison.Ordinal);
        Assert.Contains("9 of 9 nodes in", screen, StringComparison.Ordinal);
        Assert.Matches(@"INFO +Model has a coefficient R\^2 of \d\.\d{3} on test data\.", screen);
        Assert.DoesNotContain("Running node:", screen, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\x1B(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|[()][A-Z0-9])")]
    private static partial Regex AnsiEscape();
}

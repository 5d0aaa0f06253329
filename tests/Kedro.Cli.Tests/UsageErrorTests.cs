using Kedro.Cli.Tests.Support;

namespace Kedro.Cli.Tests;

/// <summary>A mistyped option or command gets click's one error with a suggestion, and exit code 2.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData(new[] { "run", "--pipline", "data_processing" }, "Error: No such option: --pipline (Possible options: --pipeline, --pipelines)")]
    [InlineData(new[] { "run", "--runer=ThreadRunner" }, "Error: No such option: --runer (Possible options: --runner, --runner-params)")]
    [InlineData(new[] { "run", "--asinc" }, "Error: No such option: --asinc (Possible options: --async, --tags)")]
    [InlineData(new[] { "run", "--verbos" }, "Error: No such option: --verbos Did you mean --verbose?")]
    [InlineData(new[] { "run", "--zzzzzz" }, "Error: No such option: --zzzzzz")]
    [InlineData(new[] { "run", "-x" }, "Error: No such option: -x")]
    [InlineData(new[] { "runn" }, "Error: No such command 'runn'.\n\nDid you mean this?\n    run")]
    [InlineData(new[] { "catalog", "list-pattern" }, "Error: No such command 'list-pattern'.\n\nDid you mean one of these?\n    list-patterns\n    resolve-patterns\n    list")]
    [InlineData(new[] { "registry", "describ" }, "Error: No such command 'describ'.\n\nDid you mean this?\n    describe")]
    [InlineData(new[] { "frobnicate" }, "Error: No such command 'frobnicate'.")]
    [InlineData(new[] { "run", "extra" }, "Error: Got unexpected extra argument (extra)")]
    public async Task Mistyped_GivesOneErrorWithSuggestionAndExitCode2(string[] args, string expected)
    {
        using var project = new CliTestProject();

        var result = await project.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.ReplaceLineEndings("\n");
        Assert.True(lines.StartsWith(expected + "\n", StringComparison.Ordinal), lines);
        Assert.Single(lines.Split('\n'), static l => l.StartsWith("Error:", StringComparison.Ordinal));
        Assert.Contains("--help' for help.", lines, StringComparison.Ordinal);
        Assert.False(project.Exists("data/02_output/total.txt"));
    }
}

using System.CommandLine;

namespace Kedro.Cli.Internal;

/// <summary>The options of the commands, with their help texts.</summary>
internal static class CliOptions
{
    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Show debug log lines and the full stack trace of errors.",
        Recursive = true,
    };

    public static Option<string?> Env() => new("--env", "-e")
    {
        Description = "Kedro configuration environment name, read over 'base'. Defaults to the KEDRO_ENV environment variable, then 'local'.",
        HelpName = "name",
    };

    public static Option<string?> ConfSource() => new("--conf-source")
    {
        Description = "Path of a directory where project configuration is stored. Defaults to the project's 'conf' folder.",
        HelpName = "path",
    };

    public static Option<string[]> List(string name, string? alias, string description, string helpName)
    {
        var option = alias is null ? new Option<string[]>(name) : new Option<string[]>(name, alias);
        option.Description = description;
        option.HelpName = helpName;
        option.Arity = ArgumentArity.ZeroOrMore;
        option.AllowMultipleArgumentsPerToken = false;
        return option;
    }
}

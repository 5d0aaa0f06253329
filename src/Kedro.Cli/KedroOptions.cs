using System.CommandLine;
using Kedro.Cli.Internal;

namespace Kedro.Cli;

/// <summary>The options of the built-in commands, for commands added with <see cref="KedroProjectBuilder.AddCommand"/> to look the same.</summary>
public static class KedroOptions
{
    /// <summary>A new <c>--env</c> / <c>-e</c> option: the configuration environment.</summary>
    /// <returns>The option.</returns>
    public static Option<string?> Env() => CliOptions.Env();

    /// <summary>A new <c>--conf-source</c> option: the configuration folder.</summary>
    /// <returns>The option.</returns>
    public static Option<string?> ConfSource() => CliOptions.ConfSource();
}

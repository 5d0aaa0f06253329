using System.CommandLine;
using Kedro.Framework.Internal;

namespace Kedro.Cli.Internal;

/// <summary>
/// Turns a failed parse into the one error click would give: an unknown option with the close long options, an unknown
/// command with the close command names (Kedro's suggestion), or an unexpected argument.
/// </summary>
internal static class UsageErrors
{
    // click's cutoff for options (difflib's default) and Kedro's for commands.
    private const double OptionCutoff = 0.6;
    private const double CommandCutoff = 0.5;

    public static string Describe(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var unmatched = parseResult.UnmatchedTokens;
        var option = unmatched.FirstOrDefault(static t => t.StartsWith('-') && t.Length > 1);
        if (option is not null)
        {
            var name = option.Split('=', 2)[0];
            var matches = name.StartsWith("--", StringComparison.Ordinal)
                ? CloseMatches.Find(name, LongOptions(command), cutoff: OptionCutoff)
                : [];
            return CliMessages.NoSuchOption(name, matches);
        }

        if (unmatched.Count > 0)
        {
            if (command.Subcommands.Count > 0)
            {
                var names = command.Subcommands.SelectMany(static c => c.Aliases.Prepend(c.Name)).Distinct(StringComparer.Ordinal);
                return CliMessages.NoSuchCommand(unmatched[0], CloseMatches.Find(unmatched[0], names, cutoff: CommandCutoff));
            }

            return CliMessages.UnexpectedArguments(unmatched);
        }

        return parseResult.Errors[0].Message;
    }

    /// <summary>The long option names (and aliases) valid on <paramref name="command"/>, with the recursive ones of its parents.</summary>
    private static IEnumerable<string> LongOptions(Command command)
    {
        var options = command.Options.ToList();
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            options.AddRange(parent.Options.Where(static o => o.Recursive));
        }

        return options
            .Where(static o => !o.Hidden)
            .SelectMany(static o => o.Aliases.Prepend(o.Name))
            .Where(static n => n.StartsWith("--", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
    }
}

using System.CommandLine;

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
            return NoSuchOption(name, matches);
        }

        if (unmatched.Count > 0)
        {
            if (command.Subcommands.Count > 0)
            {
                var names = command.Subcommands.SelectMany(static c => c.Aliases.Prepend(c.Name)).Distinct(StringComparer.Ordinal);
                return NoSuchCommand(unmatched[0], CloseMatches.Find(unmatched[0], names, cutoff: CommandCutoff));
            }

            return UnexpectedArguments(unmatched);
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

    /// <summary>click's <c>No such option</c>: one close match is suggested, several are listed, sorted.</summary>
    private static string NoSuchOption(string name, IReadOnlyList<string> matches) => matches.Count switch
    {
        0 => $"No such option: {name}",
        1 => $"No such option: {name} Did you mean {matches[0]}?",
        _ => $"No such option: {name} (Possible options: {string.Join(", ", matches.Order(StringComparer.Ordinal))})",
    };

    /// <summary>click's <c>No such command</c> with Kedro's suggestion of close command names.</summary>
    private static string NoSuchCommand(string name, IReadOnlyList<string> matches) => matches.Count switch
    {
        0 => $"No such command '{name}'.",
        1 => $"No such command '{name}'.\n\nDid you mean this?\n    {matches[0]}",
        _ => $"No such command '{name}'.\n\nDid you mean one of these?\n{string.Join('\n', matches.Select(static m => "    " + m))}",
    };

    /// <summary>click's message for arguments a command does not take.</summary>
    private static string UnexpectedArguments(IReadOnlyList<string> arguments) => arguments.Count == 1
        ? $"Got unexpected extra argument ({arguments[0]})"
        : $"Got unexpected extra arguments ({string.Join(' ', arguments)})";
}

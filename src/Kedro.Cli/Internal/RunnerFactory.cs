using Kedro.Runners;
using Microsoft.Extensions.Logging;

namespace Kedro.Cli.Internal;

/// <summary>The runners <c>--runner</c> may name, each with the factory that creates it.</summary>
internal static class RunnerFactory
{
    private static readonly Dictionary<string, Func<RunnerArguments, AbstractRunner>> Factories = new(StringComparer.Ordinal)
    {
        ["SequentialRunner"] = static a => new SequentialRunner(a.IsAsync, a.CreateLogger("Kedro.Runners.SequentialRunner"))
        {
            TimeProvider = a.TimeProvider,
        },
        ["ThreadRunner"] = static a => new ThreadRunner(a.MaxWorkers, a.IsAsync, a.CreateLogger("Kedro.Runners.ThreadRunner"))
        {
            TimeProvider = a.TimeProvider,
        },
        ["ParallelRunner"] = static a => new ParallelRunner(a.MaxWorkers, a.IsAsync, a.CreateLogger("Kedro.Runners.ParallelRunner"))
        {
            TimeProvider = a.TimeProvider,
        },
    };

    public static IEnumerable<string> Names => Factories.Keys;

    /// <summary>Creates the runner named <paramref name="name"/> (also accepted with a <c>kedro.runner.</c> or <c>Kedro.Runners.</c> prefix).</summary>
    /// <exception cref="CliUsageException">The name is not a known runner.</exception>
    public static AbstractRunner Create(string name, RunnerArguments arguments)
    {
        var shortName = name.Trim();
        foreach (var prefix in new[] { "kedro.runner.", "Kedro.Runners." })
        {
            if (shortName.StartsWith(prefix, StringComparison.Ordinal))
            {
                shortName = shortName[prefix.Length..];
            }
        }

        return Factories.TryGetValue(shortName, out var factory)
            ? factory(arguments)
            : throw CliErrors.UnknownRunner(name, Factories.Keys);
    }

    /// <summary>What a runner is created with.</summary>
    internal sealed record RunnerArguments(bool IsAsync, int? MaxWorkers, ILoggerFactory LoggerFactory, TimeProvider TimeProvider)
    {
        public ILogger CreateLogger(string category) => LoggerFactory.CreateLogger(category);
    }
}

using Kedro.Runners;

namespace Kedro.Cli.Internal;

/// <summary>The runners <c>--runner</c> may name in one project, each with the factory that creates it.</summary>
internal sealed class RunnerFactory
{
    private readonly Dictionary<string, Func<RunnerContext, AbstractRunner>> _factories = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _factories.Keys;

    /// <summary>Adds the runners Kedro.NET ships: SequentialRunner, ThreadRunner and ParallelRunner.</summary>
    public static void AddBuiltIns(KedroProjectBuilder builder)
    {
        builder.AddRunner("SequentialRunner", static c => new SequentialRunner(c.IsAsync, c.LoggerFactory.CreateLogger("Kedro.Runners.SequentialRunner"))
        {
            TimeProvider = c.TimeProvider,
        });
        builder.AddRunner("ThreadRunner", static c => new ThreadRunner(c.MaxWorkers, c.IsAsync, c.LoggerFactory.CreateLogger("Kedro.Runners.ThreadRunner"))
        {
            TimeProvider = c.TimeProvider,
        });
        builder.AddRunner("ParallelRunner", static c => new ParallelRunner(c.MaxWorkers, c.IsAsync, c.LoggerFactory.CreateLogger("Kedro.Runners.ParallelRunner"))
        {
            TimeProvider = c.TimeProvider,
        });
    }

    /// <summary>Adds or replaces the runner called <paramref name="name"/>.</summary>
    public void Add(string name, Func<RunnerContext, AbstractRunner> create) => _factories[name] = create;

    /// <summary>
    /// Creates the runner named <paramref name="name"/> (also accepted with a <c>kedro.runner.</c> or
    /// <c>Kedro.Runners.</c> prefix), then refuses any runner parameter it did not read.
    /// </summary>
    /// <exception cref="CliUsageException">The name is not a known runner, or a runner parameter is unknown.</exception>
    public AbstractRunner Create(string name, RunnerContext context)
    {
        var shortName = name.Trim();
        foreach (var prefix in new[] { "kedro.runner.", "Kedro.Runners." })
        {
            if (shortName.StartsWith(prefix, StringComparison.Ordinal))
            {
                shortName = shortName[prefix.Length..];
            }
        }

        if (!_factories.TryGetValue(shortName, out var factory))
        {
            throw CliErrors.UnknownRunner(name, _factories.Keys);
        }

        var runner = factory(context);
        if (context.ParameterNames.FirstOrDefault(k => !context.UsedParameterNames.Contains(k)) is { } unused)
        {
            switch (runner)
            {
                case IAsyncDisposable asyncDisposable:
                    asyncDisposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }

            throw CliErrors.UnknownRunnerParameter(unused, context.UsedParameterNames);
        }

        return runner;
    }
}

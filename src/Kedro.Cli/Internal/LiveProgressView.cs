using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kedro.Cli.Internal;

/// <summary>The Spectre.Console views of a run: a live panel while it runs and a table of node durations after.</summary>
internal static class LiveProgressView
{
    /// <summary>Shows the live view until <paramref name="run"/> completes, refreshing a few times a second.</summary>
    public static async Task ShowAsync(IAnsiConsole console, RunProgress progress, Task run)
    {
        await console.Live(Render(progress.Take()))
            .AutoClear(true)
            .StartAsync(async context =>
            {
                while (!run.IsCompleted)
                {
                    context.UpdateTarget(Render(progress.Take()));
                    context.Refresh();
                    await Task.WhenAny(run, Task.Delay(150)).ConfigureAwait(false);
                }
            })
            .ConfigureAwait(false);
    }

    /// <summary>The table of every node that finished, in the order they started, with its duration.</summary>
    public static Table Summary(RunProgress.Snapshot snapshot)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Node durations");
        table.AddColumn("Node");
        table.AddColumn(new TableColumn("Duration").RightAligned());
        table.AddColumn("Status");
        foreach (var node in snapshot.Durations)
        {
            table.AddRow(
                Markup.Escape(node.Name),
                Format(node.Duration),
                node.Failed ? "[red]failed[/]" : "[green]done[/]");
        }

        table.Caption($"{snapshot.Done} of {snapshot.Total} nodes in {Format(snapshot.Elapsed)}");
        return table;
    }

    internal static IRenderable Render(RunProgress.Snapshot snapshot)
    {
        var width = 30;
        var filled = snapshot.Total == 0 ? 0 : (int)Math.Round(width * (double)snapshot.Done / snapshot.Total);
        var bar = new string('━', filled) + new string('─', width - filled);
        var remaining = snapshot.Remaining is { } r ? "~" + Format(r) : "estimating";
        var rows = new List<IRenderable>
        {
            new Markup($"[green]{bar}[/] {snapshot.Done}/{snapshot.Total} nodes"),
            new Markup(
                $"[green]done {snapshot.Done}[/] · [yellow]running {snapshot.Running.Count}[/] · left {snapshot.Left} · " +
                $"elapsed {Format(snapshot.Elapsed)} · remaining {remaining}"),
        };
        foreach (var (name, running) in snapshot.Running.Take(8))
        {
            rows.Add(new Markup($"  [yellow]▶[/] {Markup.Escape(name)} ({Format(running)})"));
        }

        if (snapshot.Running.Count > 8)
        {
            rows.Add(new Markup($"  … and {snapshot.Running.Count - 8} more"));
        }

        return new Panel(new Rows(rows)).Header("Running pipeline").Border(BoxBorder.Rounded);
    }

    internal static string Format(TimeSpan time) => time.TotalSeconds < 60
        ? time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
        : time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}

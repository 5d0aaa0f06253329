using System.Diagnostics;

namespace Kedro.Testing.Postgres;

/// <summary>Runs a program to its end and keeps its exit code and output (stdout and stderr together).</summary>
internal static class Command
{
    /// <summary>The result of a finished program.</summary>
    internal sealed record Result(string Program, int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;

        /// <summary>The program, its exit code and the last lines of its output, for an exception message.</summary>
        public string Describe() => $"'{Program}' exited with code {ExitCode}:{Environment.NewLine}{Tail(Output, 30)}";
    }

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var display = string.Join(' ', [program, .. info.ArgumentList]);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"'{program}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(display, -1, e.Message);
        }

        using (process)
        {
            process.StandardInput.Close();

            // A thread of its own reads stderr: the callers block thread-pool threads (tests waiting for the shared
            // server), so an asynchronous read could wait long for a free one.
            var error = "";
            var errorReader = new Thread(() => error = process.StandardError.ReadToEnd()) { IsBackground = true };
            errorReader.Start();
            var output = process.StandardOutput.ReadToEnd();
            errorReader.Join();
            process.WaitForExit();
            return new Result(display, process.ExitCode, output + error);
        }
    }

    /// <summary>Whether <paramref name="program"/> runs and succeeds.</summary>
    public static bool Succeeds(string program, params string[] arguments) => Run(program, arguments).Succeeded;

    /// <summary>The last <paramref name="lines"/> lines of <paramref name="text"/>.</summary>
    public static string Tail(string text, int lines)
    {
        var all = text.TrimEnd().Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}

namespace Kedro.Cli.Internal;

/// <summary>An error the command line reports as <c>Error: {message}</c> with exit code 1 (Kedro's <c>KedroCliError</c>).</summary>
internal sealed class KedroCliException(string message) : Exception(message);

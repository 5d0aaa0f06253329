namespace Kedro.Cli.Internal;

/// <summary>A bad option value: reported with <c>Error: </c> and exit code 2 (Click's usage error).</summary>
internal sealed class CliUsageException(string message) : Exception(message);

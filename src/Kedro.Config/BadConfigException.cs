namespace Kedro.Config;

/// <summary>
/// Raised when configuration exists but is wrong: invalid YAML or JSON, duplicate keys, an interpolation that cannot be
/// resolved, an unknown merge strategy (Kedro's <c>BadConfigException</c>, also used where Kedro raises a YAML
/// <c>ParserError</c> or a <c>ValueError</c>). The message names the file, the key and the line where they are known.
/// </summary>
public class BadConfigException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public BadConfigException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    public BadConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public BadConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and the place it refers to.</summary>
    /// <param name="message">What is wrong, where, and how to fix it.</param>
    /// <param name="filePath">The configuration file, when known.</param>
    /// <param name="line">The 1-based line in <paramref name="filePath"/>, or 0 when unknown.</param>
    /// <param name="column">The 1-based column in <paramref name="filePath"/>, or 0 when unknown.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BadConfigException(string message, string? filePath, int line, int column, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The configuration file the error is in, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line of the error in <see cref="FilePath"/>, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error in <see cref="FilePath"/>, or 0 when unknown.</summary>
    public int Column { get; }
}

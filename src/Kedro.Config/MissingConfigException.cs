namespace Kedro.Config;

/// <summary>
/// Raised when configuration cannot be found: the configuration folder of an environment does not exist, or no file
/// matches a key's patterns (Kedro's <c>MissingConfigException</c>).
/// </summary>
public class MissingConfigException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public MissingConfigException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    public MissingConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is missing and where it was looked for.</param>
    /// <param name="innerException">The cause.</param>
    public MissingConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

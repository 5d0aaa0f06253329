namespace Kedro.IO;

/// <summary>Raised when a requested dataset version does not exist (Kedro's <c>VersionNotFoundError</c>).</summary>
public class VersionNotFoundException : DatasetException
{
    /// <summary>Creates the exception with no message.</summary>
    public VersionNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public VersionNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public VersionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

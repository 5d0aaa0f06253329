namespace Kedro.IO;

/// <summary>Raised when a dataset version would be written twice (Kedro's <c>VersionAlreadyExistsError</c>).</summary>
public class VersionAlreadyExistsException : DatasetException
{
    /// <summary>Creates the exception with no message.</summary>
    public VersionAlreadyExistsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public VersionAlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public VersionAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

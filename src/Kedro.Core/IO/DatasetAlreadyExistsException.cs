namespace Kedro.IO;

/// <summary>Raised when a dataset name is registered twice (Kedro's <c>DatasetAlreadyExistsError</c>).</summary>
public class DatasetAlreadyExistsException : DatasetException
{
    /// <summary>Creates the exception with no message.</summary>
    public DatasetAlreadyExistsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public DatasetAlreadyExistsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Kedro.IO;

/// <summary>Raised when a dataset name is not in the catalog (Kedro's <c>DatasetNotFoundError</c>).</summary>
public class DatasetNotFoundException : DatasetException
{
    /// <summary>Creates the exception with no message.</summary>
    public DatasetNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public DatasetNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Kedro.IO;

/// <summary>Raised when a dataset cannot be loaded, saved or described, or the catalog is used wrongly (Kedro's <c>DatasetError</c>).</summary>
public class DatasetException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public DatasetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public DatasetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

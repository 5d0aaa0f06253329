namespace Kedro.Pipelines;

/// <summary>Raised when two nodes of a pipeline confirm the same dataset (Kedro's <c>ConfirmNotUniqueError</c>).</summary>
public class ConfirmNotUniqueException : PipelineException
{
    /// <summary>Creates the exception with no message.</summary>
    public ConfirmNotUniqueException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public ConfirmNotUniqueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public ConfirmNotUniqueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

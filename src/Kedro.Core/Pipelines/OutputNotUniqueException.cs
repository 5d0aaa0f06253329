namespace Kedro.Pipelines;

/// <summary>Raised when two nodes of a pipeline produce the same output (Kedro's <c>OutputNotUniqueError</c>).</summary>
public class OutputNotUniqueException : PipelineException
{
    /// <summary>Creates the exception with no message.</summary>
    public OutputNotUniqueException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public OutputNotUniqueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public OutputNotUniqueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

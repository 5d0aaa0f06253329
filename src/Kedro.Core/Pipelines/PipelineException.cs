namespace Kedro.Pipelines;

/// <summary>Raised when a pipeline is built or used wrongly (Kedro's <c>PipelineError</c>).</summary>
public class PipelineException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public PipelineException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public PipelineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

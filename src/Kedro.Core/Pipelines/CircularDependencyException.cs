namespace Kedro.Pipelines;

/// <summary>Raised when the nodes of a pipeline depend on each other in a cycle (Kedro's <c>CircularDependencyError</c>).</summary>
public class CircularDependencyException : PipelineException
{
    /// <summary>Creates the exception with no message.</summary>
    public CircularDependencyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public CircularDependencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public CircularDependencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

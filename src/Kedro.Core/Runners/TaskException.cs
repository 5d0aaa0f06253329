namespace Kedro.Runners;

/// <summary>Raised when a node task is set up wrongly, such as an asynchronous run of a streaming node in a worker (Kedro's <c>TaskError</c>).</summary>
public class TaskException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public TaskException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public TaskException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public TaskException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

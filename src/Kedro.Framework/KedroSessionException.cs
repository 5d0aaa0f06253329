namespace Kedro.Framework;

/// <summary>A session was used in a way Kedro does not allow (Kedro's <c>KedroSessionError</c>).</summary>
public class KedroSessionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KedroSessionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public KedroSessionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public KedroSessionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using System.Reflection;
using System.Runtime.ExceptionServices;
using Kedro.WorkerProcesses.Protocol;

namespace Kedro.WorkerProcesses.Runner;

/// <summary>
/// A node's exception from another process (a worker process of ParallelRunner, a worker of a distributed runner)
/// turned back into an exception in this process, so the run re-throws what the node threw.
/// </summary>
internal static class RemoteErrors
{
    /// <summary>
    /// The worker's exception as an exception of the same type, message and inner exceptions, with the worker's stack
    /// trace, when the type can be created that way; otherwise a <see cref="Kedro.Runners.TaskException"/> naming the node and type.
    /// </summary>
    /// <param name="nodeName">The node that failed.</param>
    /// <param name="error">The error as the worker reported it.</param>
    /// <returns>The exception to re-throw.</returns>
    public static Exception Recreate(string nodeName, ErrorMessage error)
    {
        var inner = error.Inner is null ? null : Recreate(nodeName, error.Inner);
        var exception = TryCreate(error.Type, error.Message, inner)
            ?? ParallelErrors.Remote(nodeName, error.Type, error.Message, inner);
        if (!string.IsNullOrEmpty(error.StackTrace))
        {
            ExceptionDispatchInfo.SetRemoteStackTrace(exception, error.StackTrace + Environment.NewLine + "--- End of stack trace from the worker process ---" + Environment.NewLine);
        }

        return exception;
    }

    private static Exception? TryCreate(string typeName, string message, Exception? inner)
    {
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(assembly => assembly.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is not null && typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract);
        if (type is null)
        {
            return null;
        }

        try
        {
            Exception? created = null;
            if (type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, [typeof(string), typeof(Exception)]) is { } withInner)
            {
                created = (Exception)withInner.Invoke([message, inner]);
            }
            else if (inner is null && type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, [typeof(string)]) is { } plain)
            {
                created = (Exception)plain.Invoke([message]);
            }

            return created is not null && created.Message == message ? created : null;
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }
}

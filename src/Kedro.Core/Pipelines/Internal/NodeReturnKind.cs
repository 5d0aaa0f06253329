namespace Kedro.Pipelines.Internal;

/// <summary>How a node function hands back its result.</summary>
internal enum NodeReturnKind
{
    /// <summary>A plain value (possibly <see langword="null"/>).</summary>
    Value,

    /// <summary>No value (<see langword="void"/>).</summary>
    Void,

    /// <summary>A <see cref="Task"/> or <see cref="ValueTask"/>, with or without a result, to await.</summary>
    Awaitable,

    /// <summary>An iterator method returning <see cref="IEnumerable{T}"/>: a streaming (generator) node.</summary>
    Iterator,

    /// <summary>An <see cref="IAsyncEnumerable{T}"/>: a streaming node whose items are awaited.</summary>
    AsyncIterator,
}

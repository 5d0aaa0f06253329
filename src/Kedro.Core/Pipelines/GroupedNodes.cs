
namespace Kedro.Pipelines;

/// <summary>
/// A group of nodes that a deployment plugin can run as one unit, as returned by
/// <see cref="Pipeline.GroupNodesBy(string?)"/> (Kedro's <c>GroupedNodes</c>).
/// </summary>
/// <param name="Name">The group's name: a top-level namespace, or a node's name.</param>
/// <param name="Type">The kind of group: <c>"namespace"</c> or <c>"nodes"</c>.</param>
/// <param name="Nodes">The names of the group's nodes, in topological order.</param>
/// <param name="Dependencies">The names of the groups this group depends on.</param>
public sealed record GroupedNodes(string Name, string Type, IReadOnlyList<string> Nodes, IReadOnlyList<string> Dependencies)
{
    /// <inheritdoc/>
    public bool Equals(GroupedNodes? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Type, other.Type, StringComparison.Ordinal)
        && Nodes.SequenceEqual(other.Nodes, StringComparer.Ordinal)
        && Dependencies.SequenceEqual(other.Dependencies, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Type, Nodes.Count, Dependencies.Count);

    /// <inheritdoc/>
    public override string ToString() =>
        $"GroupedNodes(name={PythonLiterals.Repr(Name)}, type={PythonLiterals.Repr(Type)}, nodes={PythonLiterals.List(Nodes)}, dependencies={PythonLiterals.List(Dependencies)})";
}

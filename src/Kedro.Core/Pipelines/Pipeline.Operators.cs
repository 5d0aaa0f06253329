namespace Kedro.Pipelines;

public sealed partial class Pipeline
{
    /// <summary>
    /// The union of two pipelines (Kedro's <c>p + q</c>): equal nodes are kept once (the left one), then the
    /// result is validated as usual. A <see langword="null"/> operand counts as an empty pipeline, so
    /// <c>pipelines.Aggregate((Pipeline?)null, (a, b) => a + b)</c> works like Kedro's <c>sum(pipelines)</c>.
    /// </summary>
    /// <param name="left">The left pipeline.</param>
    /// <param name="right">The right pipeline.</param>
    /// <returns>The combined pipeline.</returns>
    public static Pipeline operator +(Pipeline? left, Pipeline? right) => Add(left, right);

    /// <summary>The union of two pipelines, the same as <c>+</c>.</summary>
    /// <param name="left">The left pipeline.</param>
    /// <param name="right">The right pipeline.</param>
    /// <returns>The combined pipeline.</returns>
    public static Pipeline operator |(Pipeline left, Pipeline right) => BitwiseOr(left, right);

    /// <summary>The nodes of <paramref name="left"/> that are not in <paramref name="right"/> (Kedro's <c>p - q</c>).</summary>
    /// <param name="left">The left pipeline.</param>
    /// <param name="right">The right pipeline.</param>
    /// <returns>The difference.</returns>
    public static Pipeline operator -(Pipeline left, Pipeline right) => Subtract(left, right);

    /// <summary>The nodes in both pipelines (Kedro's <c>p &amp; q</c>).</summary>
    /// <param name="left">The left pipeline.</param>
    /// <param name="right">The right pipeline.</param>
    /// <returns>The intersection.</returns>
    public static Pipeline operator &(Pipeline left, Pipeline right) => BitwiseAnd(left, right);

    /// <summary>The union of two pipelines (the named form of <c>+</c>).</summary>
    /// <param name="left">The left pipeline; <see langword="null"/> counts as empty.</param>
    /// <param name="right">The right pipeline; <see langword="null"/> counts as empty.</param>
    /// <returns>The combined pipeline.</returns>
    public static Pipeline Add(Pipeline? left, Pipeline? right)
    {
        if (left is null)
        {
            return right ?? new Pipeline(Array.Empty<Node>());
        }

        if (right is null)
        {
            return left;
        }

        return new Pipeline(left._items.Concat(right._items).Distinct());
    }

    /// <summary>The union of two pipelines (the named form of <c>|</c>).</summary>
    /// <param name="left">The left pipeline.</param>
    /// <param name="right">The right pipeline.</param>
    /// <returns>The combined pipeline.</returns>
    public static Pipeline BitwiseOr(Pipeline left, Pipeline right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Pipeline(left._items.Concat(right._items).Distinct());
    }

    /// <summary>The difference of two pipelines (the named form of <c>-</c>).</summary>
    /// <param name="left">The left pipeline.</param>
    /// <param name="right">The right pipeline.</param>
    /// <returns>The difference.</returns>
    public static Pipeline Subtract(Pipeline left, Pipeline right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var removed = new HashSet<Node>(right._items);
        return new Pipeline(left._items.Where(node => !removed.Contains(node)).Distinct());
    }

    /// <summary>The intersection of two pipelines (the named form of <c>&amp;</c>).</summary>
    /// <param name="left">The left pipeline.</param>
    /// <param name="right">The right pipeline.</param>
    /// <returns>The intersection.</returns>
    public static Pipeline BitwiseAnd(Pipeline left, Pipeline right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var kept = new HashSet<Node>(right._items);
        return new Pipeline(left._items.Where(kept.Contains).Distinct());
    }
}

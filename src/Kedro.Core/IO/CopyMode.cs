namespace Kedro.IO;

/// <summary>
/// How a <see cref="MemoryDataset"/> copies data on save and on load (Kedro's <c>copy_mode</c>).
/// </summary>
/// <remarks>
/// When no mode is given the mode is chosen per value, at each save and load:
/// <list type="bullet">
/// <item><description><see cref="Assign"/> for values that cannot be changed in place: <see langword="null"/>, primitives,
/// enums, <see cref="string"/>, <see cref="decimal"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>,
/// <see cref="TimeSpan"/>, <see cref="Guid"/>, other structs without references, immutable and frozen collections,
/// and objects that stand for a resource rather than data (delegates, types, streams and other
/// <see cref="MarshalByRefObject"/>s, handles, threads, tasks).</description></item>
/// <item><description><see cref="Copy"/> for arrays whose elements are such values (for example <c>int[]</c>,
/// <c>double[,]</c>, <c>string[]</c>): a clone of the array is a full copy, like Kedro's copy of a numpy array.</description></item>
/// <item><description><see cref="DeepCopy"/> for everything else (lists, dictionaries, sets, arrays of objects, records and
/// classes), like Kedro's default <c>deepcopy</c>. Records are deep-copied too, because a record can hold mutable members.</description></item>
/// </list>
/// </remarks>
public enum CopyMode
{
    /// <summary>A full copy: a new container and new copies of everything it holds, with cycles and shared references kept.</summary>
    DeepCopy,

    /// <summary>A shallow copy: a new outer container (array, list, dictionary, set or object) holding the same elements.</summary>
    Copy,

    /// <summary>No copy: the same reference is stored and returned.</summary>
    Assign,
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using Kedro.IO.Internal;

namespace Kedro.IO;

/// <summary>
/// A dataset that holds data in this process's memory (Kedro's <c>MemoryDataset</c>): the runner's default for
/// intermediate data. Saves and loads copy the data (see <see cref="CopyMode"/>), so a node that changes what it
/// loaded cannot change what another node loads. Safe to use from several threads.
/// </summary>
public sealed class MemoryDataset : AbstractDataset<object?>
{
    private readonly CopyMode? _copyMode;
    private StrongBox<object?>? _data;

    /// <summary>Creates an empty dataset whose copy mode is chosen per value.</summary>
    public MemoryDataset()
    {
    }

    private MemoryDataset(CopyMode copyMode, bool empty)
    {
        Debug.Assert(empty, "Only empty datasets are created with a copy mode alone.");
        _copyMode = Validated(copyMode);
    }

    /// <summary>
    /// Creates an empty dataset with a copy mode. (A factory rather than a constructor, so that
    /// <c>new MemoryDataset(0)</c> always holds the number 0.)
    /// </summary>
    /// <param name="copyMode">How data is copied on save and load.</param>
    /// <returns>An empty dataset.</returns>
    /// <exception cref="DatasetException"><paramref name="copyMode"/> is not a defined value.</exception>
    public static MemoryDataset Empty(CopyMode copyMode) => new(copyMode, empty: true);

    /// <summary>
    /// Creates a dataset holding a copy of <paramref name="data"/>; unlike <see cref="AbstractDataset{T}.Save"/>
    /// this accepts <see langword="null"/>, which <see cref="AbstractDataset{T}.Load"/> then returns.
    /// </summary>
    /// <param name="data">The data.</param>
    /// <param name="copyMode">How data is copied on save and load; <see langword="null"/> chooses per value (see <see cref="IO.CopyMode"/>).</param>
    /// <exception cref="DatasetException"><paramref name="copyMode"/> is not a defined value.</exception>
    public MemoryDataset(object? data, CopyMode? copyMode = null)
    {
        _copyMode = copyMode is { } mode ? Validated(mode) : null;
        _data = new StrongBox<object?>(DataCopier.Copy(data, _copyMode));
    }

    /// <summary>The copy mode given at construction; <see langword="null"/> when it is chosen per value.</summary>
    public CopyMode? CopyMode => _copyMode;

    /// <inheritdoc/>
    /// <remarks>Always <see langword="true"/>: the data is not persisted.</remarks>
    public override bool IsEphemeral => true;

    /// <summary>Parses a copy mode as written in Kedro's configuration: <c>deepcopy</c>, <c>copy</c> or <c>assign</c> (any case).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The copy mode.</returns>
    /// <exception cref="DatasetException">The text is not a copy mode: <c>Invalid copy mode: {value}. Possible values are: deepcopy, copy, assign.</c></exception>
    public static CopyMode ParseCopyMode(string value) => value?.ToUpperInvariant() switch
    {
        "DEEPCOPY" => IO.CopyMode.DeepCopy,
        "COPY" => IO.CopyMode.Copy,
        "ASSIGN" => IO.CopyMode.Assign,
        _ => throw DatasetErrors.InvalidCopyMode(value ?? "None"),
    };

    /// <inheritdoc/>
    /// <exception cref="DatasetException">Nothing has been saved: <c>Data for MemoryDataset has not been saved yet.</c></exception>
    protected override object? LoadCore()
    {
        var box = Volatile.Read(ref _data) ?? throw DatasetErrors.NotSavedYet();
        return DataCopier.Copy(box.Value, _copyMode);
    }

    /// <inheritdoc/>
    protected override void SaveCore(object? data) =>
        Volatile.Write(ref _data, new StrongBox<object?>(DataCopier.Copy(data, _copyMode)));

    /// <inheritdoc/>
    protected override bool ExistsCore() => Volatile.Read(ref _data) is not null;

    /// <inheritdoc/>
    protected override void ReleaseCore() => Volatile.Write(ref _data, null);

    /// <inheritdoc/>
    /// <remarks><c>data</c> is the held value's type, for example <c>&lt;int&gt;</c> or <c>&lt;List&lt;int&gt;&gt;</c>; empty when nothing is held.</remarks>
    protected override IReadOnlyDictionary<string, object?> DescribeCore()
    {
        var box = Volatile.Read(ref _data);
        return box is null
            ? new Dictionary<string, object?>()
            : new Dictionary<string, object?>
            {
                ["data"] = "<" + (box.Value is null ? "null" : TypeNames.Of(box.Value.GetType())) + ">",
            };
    }

    private static CopyMode Validated(CopyMode mode) =>
        Enum.IsDefined(mode) ? mode : throw DatasetErrors.InvalidCopyMode(((int)mode).ToString(System.Globalization.CultureInfo.InvariantCulture));
}

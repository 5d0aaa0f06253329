namespace Spaceflights.RawData;

/// <summary>A generated table: column names and rows of cells (<see cref="string"/>, <see cref="long"/>, <see cref="double"/> or <see langword="null"/> when missing).</summary>
/// <param name="Columns">The column names.</param>
/// <param name="Rows">The rows, one cell a column.</param>
internal sealed record RawTable(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

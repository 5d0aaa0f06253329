namespace Kedro.Datasets.Internal;

/// <summary>
/// A sheet of cells between a file and .NET data: column names and rows of raw cells (strings from CSV; numbers,
/// strings, booleans and dates from Excel; .NET values on the way out). <see langword="null"/> is a missing value.
/// </summary>
/// <param name="Columns">The column names.</param>
/// <param name="Rows">The rows, each as long as <paramref name="Columns"/>.</param>
internal sealed record Table(string[] Columns, List<object?[]> Rows);

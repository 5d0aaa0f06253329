namespace Kedro.Config.Internal;

/// <summary>Where a configuration value came from: a file and a 1-based line and column, or a named origin.</summary>
/// <param name="Source">The file path (or an origin such as 'runtime parameters').</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
internal readonly record struct SourceMark(string Source, int Line, int Column)
{
    public static readonly SourceMark RuntimeParameters = new("runtime parameters", 0, 0);

    public static readonly SourceMark Assigned = new("a value assigned to the config loader", 0, 0);

    public bool HasLine => Line > 0;

    /// <summary>"'file', line 3, column 5" or "'file'" when there is no line.</summary>
    public string Describe() => HasLine ? $"'{Source}', line {Line}, column {Column}" : $"'{Source}'";
}

namespace Spaceflights.Pipelines.DataScience;

/// <summary>The independent variables of the model: one row of numbers a sample, one column a feature (Kedro's <c>X</c>).</summary>
/// <param name="Columns">The feature names, in column order.</param>
/// <param name="Rows">The rows; each has one value a column.</param>
internal sealed record FeatureMatrix(IReadOnlyList<string> Columns, IReadOnlyList<double[]> Rows);

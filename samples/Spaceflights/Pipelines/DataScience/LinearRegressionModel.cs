namespace Spaceflights.Pipelines.DataScience;

/// <summary>A fitted linear regression (what Kedro's starter gets from scikit-learn's <c>LinearRegression</c>).</summary>
/// <param name="Features">The feature names, in the order of <paramref name="Coefficients"/>.</param>
/// <param name="Intercept">The intercept.</param>
/// <param name="Coefficients">One coefficient a feature.</param>
internal sealed record LinearRegressionModel(IReadOnlyList<string> Features, double Intercept, IReadOnlyList<double> Coefficients)
{
    /// <summary>Predicts the target of each row.</summary>
    /// <param name="x">The rows; their columns must be the model's features, in order.</param>
    /// <returns>One prediction a row.</returns>
    /// <exception cref="ArgumentException">The columns are not the model's features.</exception>
    public double[] Predict(FeatureMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!x.Columns.SequenceEqual(Features, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The model was trained on the features [{string.Join(", ", Features)}] but was given [{string.Join(", ", x.Columns)}]; pass the same columns in the same order.",
                nameof(x));
        }

        var predictions = new double[x.Rows.Count];
        for (var i = 0; i < predictions.Length; i++)
        {
            var row = x.Rows[i];
            var value = Intercept;
            for (var j = 0; j < Coefficients.Count; j++)
            {
                value += Coefficients[j] * row[j];
            }

            predictions[i] = value;
        }

        return predictions;
    }
}

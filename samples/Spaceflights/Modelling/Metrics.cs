namespace Spaceflights.Modelling;

/// <summary>scikit-learn's regression metrics used by the sample.</summary>
internal static class Metrics
{
    /// <summary>
    /// The coefficient of determination as scikit-learn's <c>r2_score</c>: 1 − Σ(y − ŷ)² / Σ(y − ȳ)²; for a constant
    /// target, 1.0 when the predictions are perfect and 0.0 otherwise.
    /// </summary>
    /// <param name="actual">The true values.</param>
    /// <param name="predicted">The predictions, one a value.</param>
    /// <returns>R².</returns>
    /// <exception cref="ArgumentException">The lengths differ or there are fewer than two values.</exception>
    public static double R2Score(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count || actual.Count < 2)
        {
            throw new ArgumentException(
                $"R^2 needs as many predictions as true values, and at least two; got {actual.Count} true values and {predicted.Count} predictions.",
                nameof(predicted));
        }

        var mean = actual.Average();
        double residual = 0, total = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        return total == 0 ? (residual == 0 ? 1.0 : 0.0) : 1 - (residual / total);
    }
}

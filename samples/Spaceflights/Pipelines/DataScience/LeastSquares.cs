namespace Spaceflights.Pipelines.DataScience;

/// <summary>
/// Ordinary least squares with an intercept, solved by a Householder QR decomposition of the centred data
/// (numerically sound without forming XᵀX). A column that is a linear combination of the others gets a
/// coefficient of zero.
/// </summary>
internal static class LeastSquares
{
    /// <summary>Fits <c>y ≈ intercept + X·coefficients</c>.</summary>
    /// <param name="x">The rows of independent variables, all of the same length.</param>
    /// <param name="y">The target, one value a row.</param>
    /// <returns>The intercept and the coefficients.</returns>
    /// <exception cref="ArgumentException">The inputs are empty or their sizes do not match.</exception>
    public static (double Intercept, double[] Coefficients) Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var m = x.Count;
        if (m == 0 || m != y.Count)
        {
            throw new ArgumentException($"Expected as many target values as rows, and at least one row; got {m} rows and {y.Count} target values.", nameof(y));
        }

        var n = x[0].Length;
        var xMean = new double[n];
        var yMean = y.Average();
        foreach (var row in x)
        {
            if (row.Length != n)
            {
                throw new ArgumentException($"Expected every row to have {n} values; found one with {row.Length}.", nameof(x));
            }

            for (var j = 0; j < n; j++)
            {
                xMean[j] += row[j] / m;
            }
        }

        // a: the centred data, column-major; b: the centred target.
        var a = new double[n][];
        for (var j = 0; j < n; j++)
        {
            a[j] = new double[m];
            for (var i = 0; i < m; i++)
            {
                a[j][i] = x[i][j] - xMean[j];
            }
        }

        var b = new double[m];
        for (var i = 0; i < m; i++)
        {
            b[i] = y[i] - yMean;
        }

        var coefficients = SolveByQr(a, b, m, n);
        var intercept = yMean;
        for (var j = 0; j < n; j++)
        {
            intercept -= xMean[j] * coefficients[j];
        }

        return (intercept, coefficients);
    }

    private static double[] SolveByQr(double[][] a, double[] b, int m, int n)
    {
        var k = Math.Min(m, n);
        var diagonal = new double[n];
        var scale = 0.0;
        for (var j = 0; j < k; j++)
        {
            // Householder reflection that zeroes column j below the diagonal.
            var column = a[j];
            var norm = 0.0;
            for (var i = j; i < m; i++)
            {
                norm += column[i] * column[i];
            }

            norm = Math.Sqrt(norm);
            scale = Math.Max(scale, norm);
            if (norm == 0)
            {
                diagonal[j] = 0;
                continue;
            }

            var alpha = column[j] > 0 ? -norm : norm;
            column[j] -= alpha;
            var vNorm2 = 0.0;
            for (var i = j; i < m; i++)
            {
                vNorm2 += column[i] * column[i];
            }

            for (var c = j + 1; c < n; c++)
            {
                Reflect(column, a[c], j, m, vNorm2);
            }

            Reflect(column, b, j, m, vNorm2);
            diagonal[j] = alpha;
        }

        // Back substitution on R (upper triangle of a, diagonal kept apart); rank-deficient columns get 0.
        var tolerance = scale * Math.Max(m, n) * 1e-12;
        var coefficients = new double[n];
        for (var j = k - 1; j >= 0; j--)
        {
            if (Math.Abs(diagonal[j]) <= tolerance)
            {
                coefficients[j] = 0;
                continue;
            }

            var sum = b[j];
            for (var c = j + 1; c < n; c++)
            {
                sum -= a[c][j] * coefficients[c];
            }

            coefficients[j] = sum / diagonal[j];
        }

        return coefficients;
    }

    private static void Reflect(double[] v, double[] target, int from, int m, double vNorm2)
    {
        var dot = 0.0;
        for (var i = from; i < m; i++)
        {
            dot += v[i] * target[i];
        }

        var factor = 2 * dot / vNorm2;
        for (var i = from; i < m; i++)
        {
            target[i] -= factor * v[i];
        }
    }
}

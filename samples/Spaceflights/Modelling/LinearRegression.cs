using System.Text.Json.Serialization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Microsoft.Data.Analysis;
using Spaceflights.Frames;

namespace Spaceflights.Modelling;

/// <summary>
/// Ordinary least squares as scikit-learn's <c>LinearRegression()</c> fits it: the features and the target are centred on
/// their means, the centred problem is solved by singular value decomposition with singular values at or below
/// machine epsilon × the largest treated as zero (SciPy's <c>lstsq</c> with LAPACK's <c>gelsd</c>), which gives the
/// minimum-norm solution when a column is constant or collinear with others, and the intercept is
/// <c>mean(y) − mean(X) · coef</c>. Saved and loaded as JSON by <c>pickle.PickleDataset</c>.
/// </summary>
internal sealed class LinearRegression
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The features seen by <see cref="Fit(DataFrame, double[])"/>, in column order (scikit-learn's <c>feature_names_in_</c>).</summary>
    [JsonInclude]
    public string[] FeatureNamesIn { get; private set; } = [];

    /// <summary>One coefficient a feature (scikit-learn's <c>coef_</c>).</summary>
    [JsonInclude]
    public double[] Coef { get; private set; } = [];

    /// <summary>The intercept (scikit-learn's <c>intercept_</c>).</summary>
    [JsonInclude]
    public double Intercept { get; private set; }

    /// <summary>The rank of the centred feature matrix (scikit-learn's <c>rank_</c>).</summary>
    [JsonInclude]
    public int Rank { get; private set; }

    /// <summary>The singular values of the centred feature matrix, largest first (scikit-learn's <c>singular_</c>).</summary>
    [JsonInclude]
    public double[] Singular { get; private set; } = [];

    /// <summary>Fits the model to the features <paramref name="x"/> and the target <paramref name="y"/>.</summary>
    /// <param name="x">The features: numeric or boolean columns without missing values.</param>
    /// <param name="y">The target, one value a row.</param>
    /// <returns>This model, fitted.</returns>
    /// <exception cref="ArgumentException">A value is missing or not a number, or the lengths differ.</exception>
    public LinearRegression Fit(DataFrame x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        FeatureNamesIn = [.. x.Columns.Select(c => c.Name)];
        return Fit(Tables.ToMatrix(x), y);
    }

    /// <summary>Fits the model to a feature matrix (one row a sample) and a target.</summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The target, one value a row.</param>
    /// <returns>This model, fitted.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or there are no rows.</exception>
    public LinearRegression Fit(double[,] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int rows = x.GetLength(0), columns = x.GetLength(1);
        if (rows != y.Length || rows == 0)
        {
            throw new ArgumentException($"Found input variables with inconsistent numbers of samples: [{rows}, {y.Length}]; X and y need one row each.", nameof(y));
        }

        var features = Matrix<double>.Build.DenseOfArray(x);
        var xMean = features.ColumnSums() / rows;
        var yMean = y.Average();
        var centred = Matrix<double>.Build.Dense(rows, columns, (i, j) => features[i, j] - xMean[j]);
        var target = Vector<double>.Build.Dense(rows, i => y[i] - yMean);

        // A = QR (thin), R = U S Vᵀ, so A = (Q U) S Vᵀ: the singular values of A are R's, and the solution
        // V S⁺ Uᵀ Qᵀ y needs only n × n decompositions (LAPACK's gelsd also starts with a QR when rows ≫ columns).
        var (reduced, reducedTarget) = (centred, target);
        if (rows > columns)
        {
            var qr = centred.QR(QRMethod.Thin);
            (reduced, reducedTarget) = (qr.R, qr.Q.TransposeThisAndMultiply(target));
        }

        var svd = reduced.Svd(computeVectors: true);
        var singular = svd.S;
        var cutoff = MachineEpsilon * (singular.Count == 0 ? 0 : singular[0]);
        var coef = Vector<double>.Build.Dense(columns);
        var rank = 0;
        for (var k = 0; k < singular.Count && singular[k] > cutoff; k++, rank++)
        {
            coef += svd.VT.Row(k) * (svd.U.Column(k).DotProduct(reducedTarget) / singular[k]);
        }

        Coef = coef.ToArray();
        Intercept = yMean - xMean.DotProduct(coef);
        Rank = rank;
        Singular = singular.ToArray();
        return this;
    }

    /// <summary>Predicts the target of each row of <paramref name="x"/>.</summary>
    /// <param name="x">The features, the same columns in the same order as at <see cref="Fit(DataFrame, double[])"/>.</param>
    /// <returns>One prediction a row.</returns>
    /// <exception cref="ArgumentException">The columns are not the fitted ones.</exception>
    public double[] Predict(DataFrame x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var names = x.Columns.Select(c => c.Name).ToArray();
        if (!names.SequenceEqual(FeatureNamesIn, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The feature names should match those that were passed during fit: fitted with [{string.Join(", ", FeatureNamesIn)}], " +
                $"given [{string.Join(", ", names)}]. Pass the same columns in the same order.", nameof(x));
        }

        return Predict(Tables.ToMatrix(x));
    }

    /// <summary>Predicts the target of each row of a feature matrix: <c>X · coef + intercept</c>.</summary>
    /// <param name="x">The features, one column a coefficient.</param>
    /// <returns>One prediction a row.</returns>
    /// <exception cref="ArgumentException">The number of columns is not the number of coefficients.</exception>
    public double[] Predict(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.GetLength(1) != Coef.Length)
        {
            throw new ArgumentException($"X has {x.GetLength(1)} features, but LinearRegression is expecting {Coef.Length} features as input.", nameof(x));
        }

        var predictions = (Matrix<double>.Build.DenseOfArray(x) * Vector<double>.Build.Dense(Coef)) + Intercept;
        return predictions.ToArray();
    }
}

using System.Globalization;
using System.Reflection;
using System.Text;
using Kedro.Framework;
using Microsoft.Extensions.Logging;
using Spaceflights.Pipelines.DataProcessing;

namespace Spaceflights.Pipelines.DataScience;

/// <summary>The node functions of the <c>data_science</c> pipeline: Kedro's spaceflights nodes as plain static methods.</summary>
internal static partial class DataScienceNodes
{
    private static readonly ILogger Logger = KedroLogging.CreateLogger(typeof(DataScienceNodes).FullName!);

    private static readonly Dictionary<string, Func<ModelInputRow, double>> Columns = NumericColumns();

    /// <summary>
    /// Splits the data into training and test sets of features and targets (<c>price</c>), as scikit-learn's
    /// <c>train_test_split</c> does: the rows are shuffled with a generator seeded by <c>random_state</c>, the first
    /// <c>ceil(test_size × rows)</c> form the test set and the rest the training set.
    /// </summary>
    /// <param name="data">The model input table.</param>
    /// <param name="parameters">The <c>model_options</c> parameters.</param>
    /// <returns><c>X_train</c>, <c>X_test</c>, <c>y_train</c> and <c>y_test</c>.</returns>
    /// <exception cref="ArgumentException">A feature is not a numeric or boolean column, or <c>test_size</c> is not between 0 and 1.</exception>
    public static (FeatureMatrix XTrain, FeatureMatrix XTest, double[] YTrain, double[] YTest) SplitData(
        List<ModelInputRow> data, ModelOptions parameters)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(parameters.TestSize > 0 && parameters.TestSize < 1))
        {
            var given = parameters.TestSize.ToString(CultureInfo.InvariantCulture);
            throw new ArgumentException(
                $"Invalid 'model_options.test_size' {given}: expected a fraction between 0 and 1 (exclusive), such as 0.2. " +
                "Set it in conf/base/parameters.yml or with --params model_options.test_size=0.2.");
        }

        var getters = parameters.Features.Select(ColumnGetter).ToArray();
        var order = Permutation(data.Count, parameters.RandomState);
        var testCount = (int)Math.Ceiling(parameters.TestSize * data.Count);

        var testRows = order.Take(testCount).Select(i => data[i]).ToList();
        var trainRows = order.Skip(testCount).Select(i => data[i]).ToList();
        return (Features(trainRows), Features(testRows), [.. trainRows.Select(r => r.Price)], [.. testRows.Select(r => r.Price)]);

        FeatureMatrix Features(List<ModelInputRow> rows) =>
            new([.. parameters.Features], [.. rows.Select(r => getters.Select(g => g(r)).ToArray())]);
    }

    /// <summary>Trains the linear regression model (ordinary least squares with an intercept).</summary>
    /// <param name="xTrain">The training features.</param>
    /// <param name="yTrain">The training prices.</param>
    /// <returns>The trained model.</returns>
    public static LinearRegressionModel TrainModel(FeatureMatrix xTrain, double[] yTrain)
    {
        ArgumentNullException.ThrowIfNull(xTrain);
        var (intercept, coefficients) = LeastSquares.Fit(xTrain.Rows, yTrain);
        return new LinearRegressionModel([.. xTrain.Columns], intercept, coefficients);
    }

    /// <summary>
    /// Calculates and logs the coefficient of determination (R²) of the model on the test data, and returns it as
    /// metrics (Kedro's starter only logs it; the metrics output lets <c>--only-missing-outputs</c> skip this node).
    /// </summary>
    /// <param name="regressor">The trained model.</param>
    /// <param name="xTest">The test features.</param>
    /// <param name="yTest">The test prices.</param>
    /// <returns>The metrics: <c>r2_score</c>.</returns>
    public static Dictionary<string, double> EvaluateModel(LinearRegressionModel regressor, FeatureMatrix xTest, double[] yTest)
    {
        ArgumentNullException.ThrowIfNull(regressor);
        var score = R2Score(yTest, regressor.Predict(xTest));
        LogScore(Logger, score);
        return new Dictionary<string, double> { ["r2_score"] = score };
    }

    /// <summary>
    /// The coefficient of determination, as scikit-learn's <c>r2_score</c>: 1 − SS_res / SS_tot; when the target is
    /// constant, 1.0 for a perfect prediction and 0.0 otherwise.
    /// </summary>
    /// <param name="actual">The true values.</param>
    /// <param name="predicted">The predictions.</param>
    /// <returns>R².</returns>
    public static double R2Score(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count || actual.Count == 0)
        {
            throw new ArgumentException($"Expected as many predictions as values, and at least one; got {actual.Count} values and {predicted.Count} predictions.", nameof(predicted));
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

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Model has a coefficient R^2 of {Score:F3} on test data.")]
    private static partial void LogScore(ILogger logger, double score);

    private static int[] Permutation(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private static Func<ModelInputRow, double> ColumnGetter(string feature) =>
        Columns.TryGetValue(feature, out var getter)
            ? getter
            : throw new ArgumentException(
                $"Feature '{feature}' is not a numeric or boolean column of the model input table; expected one of: {string.Join(", ", Columns.Keys)}.",
                nameof(feature));

    private static Dictionary<string, Func<ModelInputRow, double>> NumericColumns()
    {
        var columns = new Dictionary<string, Func<ModelInputRow, double>>(StringComparer.Ordinal);
        foreach (var property in typeof(ModelInputRow).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Func<object?, double>? convert =
                property.PropertyType == typeof(double) ? v => (double)v! :
                property.PropertyType == typeof(long) ? v => (long)v! :
                property.PropertyType == typeof(bool) ? v => (bool)v! ? 1.0 : 0.0 :
                null;
            if (convert is not null && property.Name != nameof(ModelInputRow.Price))
            {
                columns[SnakeCase(property.Name)] = row => convert(property.GetValue(row));
            }
        }

        return columns;
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}

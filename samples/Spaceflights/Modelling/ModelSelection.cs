using System.Globalization;
using Microsoft.Data.Analysis;

namespace Spaceflights.Modelling;

/// <summary>scikit-learn's <c>train_test_split</c>, giving the same rows for the same arguments.</summary>
internal static class ModelSelection
{
    /// <summary>
    /// Splits the rows of <paramref name="x"/> and <paramref name="y"/> into a training and a test set as scikit-learn's
    /// <c>train_test_split(X, y, test_size=, random_state=)</c> does (see <see cref="TrainTestIndices"/>).
    /// </summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The target, one value a row of <paramref name="x"/>.</param>
    /// <param name="testSize">The fraction of rows in the test set, between 0 and 1 (exclusive).</param>
    /// <param name="randomState">The seed of the shuffle.</param>
    /// <returns><c>X_train</c>, <c>X_test</c>, <c>y_train</c>, <c>y_test</c>, rows in the shuffled order.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or the sizes are invalid.</exception>
    public static (DataFrame XTrain, DataFrame XTest, double[] YTrain, double[] YTest) TrainTestSplit(
        DataFrame x, double[] y, double testSize, long randomState)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rows.Count != y.Length)
        {
            throw new ArgumentException(
                $"Found input variables with inconsistent numbers of samples: [{x.Rows.Count}, {y.Length}]; X and y need one row each.", nameof(y));
        }

        var (train, test) = TrainTestIndices((int)x.Rows.Count, testSize, randomState);
        return (x[train], x[test], [.. train.Select(i => y[i])], [.. test.Select(i => y[i])]);
    }

    /// <summary>
    /// The row indices of scikit-learn's <c>ShuffleSplit</c> with one split: <c>n_test = ceil(test_size × n)</c>,
    /// <c>n_train = n − n_test</c>, and with <c>p = RandomState(random_state).permutation(n)</c> the test rows are
    /// <c>p[:n_test]</c> and the training rows <c>p[n_test:n_test + n_train]</c>.
    /// </summary>
    /// <param name="count">The number of rows.</param>
    /// <param name="testSize">The fraction of rows in the test set, between 0 and 1 (exclusive).</param>
    /// <param name="randomState">The seed of the shuffle (0 to 2³² − 1).</param>
    /// <returns>The training and the test row indices.</returns>
    /// <exception cref="ArgumentException">The fraction is not between 0 and 1, or a set would be empty.</exception>
    public static (int[] Train, int[] Test) TrainTestIndices(int count, double testSize, long randomState)
    {
        if (!(testSize > 0 && testSize < 1))
        {
            throw new ArgumentException(
                $"test_size={testSize.ToString(CultureInfo.InvariantCulture)} should be a float in the (0, 1) range, such as 0.2.", nameof(testSize));
        }

        var testCount = (int)Math.Ceiling(testSize * count);
        var trainCount = count - testCount;
        if (trainCount <= 0)
        {
            throw new ArgumentException(
                $"With n_samples={count}, test_size={testSize.ToString(CultureInfo.InvariantCulture)} and train_size=None, the resulting train set " +
                "will be empty. Adjust any of the aforementioned parameters.", nameof(testSize));
        }

        var permutation = LegacyRandomState.FromSeed(randomState).Permutation(count);
        return (permutation[testCount..(testCount + trainCount)], permutation[..testCount]);
    }
}

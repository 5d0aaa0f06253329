using Kedro.Framework;
using Microsoft.Data.Analysis;
using Microsoft.Extensions.Logging;
using Spaceflights.Frames;
using Spaceflights.Modelling;

namespace Spaceflights.Pipelines.DataScience;

/// <summary>The nodes of the <c>data_science</c> pipeline.</summary>
internal static partial class DataScienceNodes
{
    private static readonly ILogger Logger = KedroLogging.CreateLogger(typeof(DataScienceNodes).FullName!);

    /// <summary>Splits the data into features and targets training and test sets.</summary>
    /// <param name="data">Data containing the features and the target (<c>price</c>).</param>
    /// <param name="parameters">The <c>model_options</c> parameters.</param>
    /// <returns><c>X_train</c>, <c>X_test</c>, <c>y_train</c> and <c>y_test</c>.</returns>
    public static (DataFrame XTrain, DataFrame XTest, double[] YTrain, double[] YTest) SplitData(DataFrame data, ModelOptions parameters)
    {
        var x = Tables.Select(data, parameters.Features);
        var y = Tables.ToDoubles(Tables.Column(data, "price"));
        return ModelSelection.TrainTestSplit(x, y, testSize: parameters.TestSize, randomState: parameters.RandomState);
    }

    /// <summary>Trains the linear regression model.</summary>
    /// <param name="xTrain">Training data of independent features.</param>
    /// <param name="yTrain">Training data for price.</param>
    /// <returns>The trained model.</returns>
    public static LinearRegression TrainModel(DataFrame xTrain, double[] yTrain) => new LinearRegression().Fit(xTrain, yTrain);

    /// <summary>Calculates and logs the coefficient of determination.</summary>
    /// <param name="regressor">The trained model.</param>
    /// <param name="xTest">Testing data of independent features.</param>
    /// <param name="yTest">Testing data for price.</param>
    public static void EvaluateModel(LinearRegression regressor, DataFrame xTest, double[] yTest)
    {
        var yPred = regressor.Predict(xTest);
        var score = Metrics.R2Score(yTest, yPred);
        LogScore(Logger, score);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Model has a coefficient R^2 of {Score:F3} on test data.")]
    private static partial void LogScore(ILogger logger, double score);
}

using System.Text.Json;

namespace Spaceflights.Tests.Modelling.Vectors;

/// <summary>The JSON files made by make_vectors.py with NumPy and scikit-learn, copied beside the test assembly.</summary>
internal static class ReferenceVectors
{
    public static JsonElement Read(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Modelling", "Vectors", name)));
        return document.RootElement.Clone();
    }

    public static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static double[,] Matrix(JsonElement rows)
    {
        var list = rows.EnumerateArray().Select(Doubles).ToList();
        var matrix = new double[list.Count, list[0].Length];
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = 0; j < list[i].Length; j++)
            {
                matrix[i, j] = list[i][j];
            }
        }

        return matrix;
    }
}

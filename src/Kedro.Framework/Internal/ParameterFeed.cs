namespace Kedro.Framework.Internal;

/// <summary>The parameters as the catalog holds them.</summary>
internal static class ParameterFeed
{
    /// <summary>
    /// The parameter datasets (Kedro's feed dict): <c>parameters</c> holds everything, <c>params:k</c> each top-level
    /// value, and <c>params:k.sub</c> each value nested in a mapping, at any depth.
    /// </summary>
    public static List<KeyValuePair<string, object?>> Datasets(IReadOnlyDictionary<string, object?> parameters)
    {
        var result = new List<KeyValuePair<string, object?>> { new("parameters", parameters) };
        foreach (var (name, value) in parameters)
        {
            Add(name, value);
        }

        return result;

        void Add(string name, object? value)
        {
            result.Add(new("params:" + name, value));
            if (value is IReadOnlyDictionary<string, object?> nested)
            {
                foreach (var (key, inner) in nested)
                {
                    Add(name + "." + key, inner);
                }
            }
        }
    }
}

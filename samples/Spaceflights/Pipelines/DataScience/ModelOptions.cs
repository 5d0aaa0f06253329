using System.Text.Json.Serialization;

namespace Spaceflights.Pipelines.DataScience;

/// <summary>The <c>model_options</c> parameters (<c>conf/base/parameters_data_science.yml</c>).</summary>
/// <param name="TestSize">The fraction of rows held out for testing (<c>test_size</c>).</param>
/// <param name="RandomState">The seed of the shuffle before the split (<c>random_state</c>).</param>
/// <param name="Features">The model input table's columns the model uses (<c>features</c>).</param>
internal sealed record ModelOptions(
    [property: JsonPropertyName("test_size")] double TestSize,
    [property: JsonPropertyName("random_state")] long RandomState,
    [property: JsonPropertyName("features")] IReadOnlyList<string> Features);

namespace KedroStarter.Pipelines.DataProcessing;

/// <summary>A row of <c>data/01_raw/shuttles.csv</c>; CSV columns in snake_case fill the properties of the same name.</summary>
public sealed record Shuttle
{
    /// <summary>The shuttle's id (<c>id</c>).</summary>
    public long Id { get; init; }

    /// <summary>The model (<c>shuttle_type</c>).</summary>
    public string? ShuttleType { get; init; }

    /// <summary>The engine type (<c>engine_type</c>).</summary>
    public string? EngineType { get; init; }

    /// <summary>How many passengers fit, or missing (<c>passenger_capacity</c>).</summary>
    public long? PassengerCapacity { get; init; }

    /// <summary>The price as money text such as <c>"$1,325.0"</c>, or missing (<c>price</c>).</summary>
    public string? Price { get; init; }
}

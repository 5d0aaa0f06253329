namespace KedroStarter.Pipelines.DataProcessing;

/// <summary>A shuttle with every value present and the price as a number.</summary>
public sealed record PreprocessedShuttle
{
    /// <summary>The shuttle's id (<c>id</c>).</summary>
    public long Id { get; init; }

    /// <summary>The model (<c>shuttle_type</c>).</summary>
    public required string ShuttleType { get; init; }

    /// <summary>The engine type (<c>engine_type</c>).</summary>
    public required string EngineType { get; init; }

    /// <summary>How many passengers fit (<c>passenger_capacity</c>).</summary>
    public long PassengerCapacity { get; init; }

    /// <summary>The price (<c>price</c>).</summary>
    public double Price { get; init; }
}

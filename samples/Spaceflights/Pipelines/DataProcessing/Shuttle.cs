namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>A row of <c>data/01_raw/shuttles.xlsx</c>, as the raw file has it.</summary>
internal sealed record Shuttle
{
    /// <summary>The shuttle's id (<c>id</c>).</summary>
    public long Id { get; init; }

    /// <summary>Where the shuttle is based (<c>shuttle_location</c>).</summary>
    public string? ShuttleLocation { get; init; }

    /// <summary>The model, such as <c>"Type V5"</c> (<c>shuttle_type</c>).</summary>
    public string? ShuttleType { get; init; }

    /// <summary>The engine type, such as <c>"Quantum"</c> (<c>engine_type</c>).</summary>
    public string? EngineType { get; init; }

    /// <summary>Who built the engines (<c>engine_vendor</c>).</summary>
    public string? EngineVendor { get; init; }

    /// <summary>The number of engines (<c>engines</c>).</summary>
    public double? Engines { get; init; }

    /// <summary>How many passengers fit (<c>passenger_capacity</c>).</summary>
    public long? PassengerCapacity { get; init; }

    /// <summary><c>"strict"</c>, <c>"moderate"</c> or <c>"flexible"</c> (<c>cancellation_policy</c>).</summary>
    public string? CancellationPolicy { get; init; }

    /// <summary>The crew size (<c>crew</c>).</summary>
    public double? Crew { get; init; }

    /// <summary><c>"t"</c> or <c>"f"</c> (<c>d_check_complete</c>).</summary>
    public string? DCheckComplete { get; init; }

    /// <summary><c>"t"</c> or <c>"f"</c> (<c>moon_clearance_complete</c>).</summary>
    public string? MoonClearanceComplete { get; init; }

    /// <summary>The price as money text such as <c>"$1,715.0"</c> (<c>price</c>).</summary>
    public string? Price { get; init; }

    /// <summary>The id of the company that runs the shuttle (<c>company_id</c>).</summary>
    public long? CompanyId { get; init; }
}

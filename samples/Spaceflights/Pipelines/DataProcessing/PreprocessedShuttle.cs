namespace Spaceflights.Pipelines.DataProcessing;

/// <summary>A shuttle after <see cref="DataProcessingNodes.PreprocessShuttles"/>: flags as booleans, the price as a number.</summary>
internal sealed record PreprocessedShuttle
{
    /// <summary>The shuttle's id (<c>id</c>).</summary>
    public long Id { get; init; }

    /// <summary>Where the shuttle is based (<c>shuttle_location</c>).</summary>
    public string? ShuttleLocation { get; init; }

    /// <summary>The model (<c>shuttle_type</c>).</summary>
    public string? ShuttleType { get; init; }

    /// <summary>The engine type (<c>engine_type</c>).</summary>
    public string? EngineType { get; init; }

    /// <summary>Who built the engines (<c>engine_vendor</c>).</summary>
    public string? EngineVendor { get; init; }

    /// <summary>The number of engines (<c>engines</c>).</summary>
    public double? Engines { get; init; }

    /// <summary>How many passengers fit (<c>passenger_capacity</c>).</summary>
    public long? PassengerCapacity { get; init; }

    /// <summary>The cancellation policy (<c>cancellation_policy</c>).</summary>
    public string? CancellationPolicy { get; init; }

    /// <summary>The crew size (<c>crew</c>).</summary>
    public double? Crew { get; init; }

    /// <summary>Whether the D check is complete (<c>d_check_complete</c>).</summary>
    public bool DCheckComplete { get; init; }

    /// <summary>Whether the moon clearance is complete (<c>moon_clearance_complete</c>).</summary>
    public bool MoonClearanceComplete { get; init; }

    /// <summary>The price (<c>"$1,715.0"</c> is 1715.0), or missing (<c>price</c>).</summary>
    public double? Price { get; init; }

    /// <summary>The id of the company that runs the shuttle (<c>company_id</c>).</summary>
    public long? CompanyId { get; init; }
}

namespace Kedro.Core.Tests.Support;

/// <summary>A clock for tests: stands still until moved.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _utcNow;

    public FakeTimeProvider()
        : this(new DateTimeOffset(2024, 1, 15, 10, 30, 0, 123, TimeSpan.Zero))
    {
    }

    public FakeTimeProvider(DateTimeOffset utcNow) => _utcNow = utcNow;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _utcNow;
        }
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_lock)
        {
            _utcNow = value;
        }
    }

    public void Advance(TimeSpan delta)
    {
        lock (_lock)
        {
            _utcNow += delta;
        }
    }
}

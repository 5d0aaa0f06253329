using System.Globalization;
using System.Text.RegularExpressions;
using Kedro.IO;
using Microsoft.Extensions.Time.Testing;

namespace Kedro.Core.Tests.IO;

public class DatasetVersionTests
{
    public static TheoryData<string> UnsafeVersions => new()
    {
        "../../../secrets", @"..\..\..\secrets", "/etc/passwd", @"C:\Users\secrets", ".", "..", "", "foo/bar", @"foo\bar",
    };

    [Fact]
    public void DatasetVersion_HasValueEqualityLikeKedrosNamedTuple()
    {
        var version = new DatasetVersion(Load: null, Save: "2026-01-01T00.00.00.000Z");

        Assert.Null(version.Load);
        Assert.Equal("2026-01-01T00.00.00.000Z", version.Save);
        Assert.Equal(new DatasetVersion(null, "2026-01-01T00.00.00.000Z"), version);
        Assert.NotEqual(version with { Load = "x" }, version);
    }

    [Fact]
    public void GenerateTimestamp_UsesKedrosFormatTruncatedToMilliseconds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 1, 15, 10, 30, 5, 123, TimeSpan.Zero).AddTicks(9_999));

        var version = DatasetVersions.GenerateTimestamp(clock);

        Assert.Equal("2024-01-15T10.30.05.123Z", version);
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}\.\d{2}\.\d{2}\.\d{3}Z$"), version);
        var parsed = DateTime.ParseExact(version, DatasetVersions.TimestampFormat, CultureInfo.InvariantCulture);
        Assert.Equal(new DateTime(2024, 1, 15, 10, 30, 5, 123), parsed);
    }

    [Fact]
    public void GenerateTimestamp_WithoutAClock_UsesTheSystemClock()
    {
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}\.\d{2}\.\d{2}\.\d{3}Z$"), DatasetVersions.GenerateTimestamp());
    }

    [Fact]
    public void FormatTimestamp_ConvertsToUtc()
    {
        var local = new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal("2024-01-15T10.00.00.000Z", DatasetVersions.FormatTimestamp(local));
    }

    [Fact]
    public void FormatTimestamp_SortsChronologically()
    {
        var earlier = DatasetVersions.FormatTimestamp(new DateTimeOffset(2024, 1, 15, 9, 59, 59, 999, TimeSpan.Zero));
        var later = DatasetVersions.FormatTimestamp(new DateTimeOffset(2024, 1, 15, 10, 0, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
    }

    [Theory]
    [MemberData(nameof(UnsafeVersions))]
    public void Validate_WhenVersionIsNotASinglePathComponent_Refuses(string version)
    {
        var error = Assert.Throws<DatasetException>(() => DatasetVersions.Validate(version));

        Assert.False(DatasetVersions.IsSafe(version));
        Assert.Equal(
            $"Version string '{version}' is not allowed. Version strings must be a single non-empty path component with no path separators ('/' or '\\') and must not be '.' or '..'.",
            error.Message);
    }

    [Fact]
    public void Validate_AcceptsATimestamp()
    {
        Assert.Equal("2024-01-15T10.00.00.000Z", DatasetVersions.Validate("2024-01-15T10.00.00.000Z"));
        Assert.True(DatasetVersions.IsSafe("2024-01-15T10.00.00.000Z"));
        Assert.False(DatasetVersions.IsSafe(null));
    }
}

using Kedro.IO;

namespace Kedro.Core.Tests.IO;

/// <summary>Dataset factory corners where resolution must behave exactly as Kedro's does.</summary>
public class CatalogConfigResolverKedroParityTests
{
    private static readonly Dictionary<string, object?> Runtime = new() { ["{default}"] = new Dictionary<string, object?> { ["type"] = "MemoryDataset" } };

    private static CatalogConfigResolver Resolver(string pattern, string value) =>
        new(new Dictionary<string, object?> { [pattern] = new Dictionary<string, object?> { ["type"] = "x", ["v"] = value } },
            defaultRuntimePatterns: Runtime);

    // Pairs checked against Python's re with IGNORECASE (simple lowercase mapping plus its extra equivalences).
    public static TheoryData<string, string, bool> CasePairs => new()
    {
        { "\u00B5", "\u03BC", true },   // micro sign, mu
        { "\u00B5", "\u039C", true },   // micro sign, capital mu
        { "\u03C3", "\u03C2", true },   // sigma, final sigma
        { "\u03A3", "\u03C2", true },   // capital sigma, final sigma
        { "\u0069", "\u0130", true },   // i, capital I with dot
        { "\u0049", "\u0130", true },
        { "\u0069", "\u0131", true },   // i, dotless i
        { "\u0049", "\u0131", true },
        { "\u0130", "\u0131", true },
        { "\u0073", "\u017F", true },   // s, long s
        { "\u0053", "\u017F", true },
        { "\u006B", "\u212A", true },   // k, Kelvin sign
        { "\u00E5", "\u212B", true },   // a with ring, Angstrom sign
        { "\u03C9", "\u2126", true },   // omega, Ohm sign
        { "\u00DF", "\u1E9E", true },   // sharp s, capital sharp s
        { "\u03B8", "\u03D1", true },   // theta, theta symbol
        { "\u03F4", "\u03D1", true },
        { "\u0345", "\u0399", true },   // ypogegrammeni, capital iota
        { "\u0432", "\u1C80", true },   // ve, rounded ve
        { "\u1E60", "\u1E9B", true },   // S with dot above, long s with dot above
        { "\uFB05", "\uFB06", true },   // long s t, s t ligatures
        { "\u01C4", "\u01C5", true },   // DZ with caron, titlecase Dz with caron
        { "\U00010400", "\U00010428", true }, // Deseret long I
        { "\u0069", "\u006A", false },
        { "\u0131", "\u006A", false },
        { "\u0061", "\u00E1", false },  // a, a with acute
        { "\u00DF", "ss", false },      // no full case folding
        { "\u00DF", "\u0073", false },
        { "\u03C3", "\u03C0", false },
        { "\u0130", "\u006A", false },
        { "\u212A", "\u0078", false },
    };

    [Theory]
    [MemberData(nameof(CasePairs))]
    public void Match_CaseInsensitively_PairsUpCharactersAsPythonsRe(string inPattern, string inName, bool matches)
    {
        Assert.Equal(matches, Resolver("{name}_" + inPattern, "{name}").MatchDatasetPattern("x_" + inName) is not null);
        Assert.Equal(matches, Resolver("{name}_" + inName, "{name}").MatchDatasetPattern("x_" + inPattern) is not null);
    }

    [Fact]
    public void ResolvePattern_FoldedMatch_KeepsTheNamesOwnCase()
    {
        var resolver = Resolver("{name}_\u00B5_{kind}", "{name}/{kind}");

        Assert.Equal("\u0130STANBUL_\u03A3/\u03A3igma", resolver.ResolvePattern("\u0130STANBUL_\u03A3_\u03BC_\u03A3igma")["v"]);
    }

    [Fact]
    public void ResolvePattern_RepeatedField_ComparesCaseInsensitively()
    {
        var resolver = Resolver("{a}_{a}", "{a}");

        Assert.Equal("\u03C3x", resolver.ResolvePattern("\u03C3x_\u03A3X")["v"]);
        Assert.Null(resolver.MatchDatasetPattern("ab_ac"));
    }

    [Theory]
    [InlineData("a}b/{name}", "Single '}' encountered in format string")]
    [InlineData("{name}}", "Single '}' encountered in format string")]
    [InlineData("a/{name}/{", "Single '{' encountered in format string")]
    [InlineData("}{name", "Single '}' encountered in format string")]
    public void ResolvePattern_InvalidFormatString_FailsWithPythonsMessageNamingDatasetAndPattern(string value, string problem)
    {
        var resolver = Resolver("{name}_csv", value);

        var error = Assert.Throws<DatasetException>(() => resolver.ResolvePattern("cars_csv"));

        Assert.StartsWith(problem + "\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("dataset 'cars_csv'", error.Message, StringComparison.Ordinal);
        Assert.Contains("pattern '{name}_csv'", error.Message, StringComparison.Ordinal);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void ResolvePattern_UnclosedFieldAfterAClosingBrace_FailsAsPythonDoes()
    {
        var error = Assert.Throws<DatasetException>(() => Resolver("{name}_csv", "{name}/{x").ResolvePattern("cars_csv"));

        Assert.StartsWith("expected '}' before end of string\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvePattern_DoubledBracesAndAValueWithoutClosingBrace_StayLiteral()
    {
        Assert.Equal("}x{", Resolver("{name}_csv", "}}{name}{{").ResolvePattern("x_csv")["v"]);
        Assert.Equal("a{b", Resolver("{name}_csv", "a{b").ResolvePattern("x_csv")["v"]);
    }

    [Fact]
    public void FromConfig_TypeNull_IsAcceptedAndFailsWhenTheDatasetIsUsed()
    {
        var catalog = DataCatalog.FromConfig(new Dictionary<string, object?>
        {
            ["boats"] = new Dictionary<string, object?> { ["type"] = null, ["filepath"] = "boats.csv" },
        });

        Assert.True(catalog.Contains("boats"));
        var error = Assert.Throws<DatasetException>(() => catalog.Get("boats"));
        Assert.Equal(
            "An exception occurred when parsing config for dataset 'boats':\n'type' must be the name of a registered dataset type, not null.",
            error.Message);
    }
}

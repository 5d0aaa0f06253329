using System.Numerics;
using Kedro.Config.Tests.Support;
using static Kedro.Config.Tests.Support.Tree;

namespace Kedro.Config.Tests;

/// <summary>Corners where the loaded values, their types and their key order must be exactly Kedro's.</summary>
public sealed class OmegaConfigLoaderKedroParityTests : IDisposable
{
    private readonly ConfFolder _conf = new();

    public void Dispose() => _conf.Dispose();

    private Dictionary<string, object?> Parameters(string yaml)
    {
        _conf.Write("base/parameters.yml", yaml);
        _conf.Folder("local");
        return _conf.Loader()["parameters"];
    }

    [Fact]
    public void Parameters_IntegerBeyond64Bits_StaysAnExactInteger()
    {
        var parameters = Parameters("""
            big: 123456789012345678901234
            negative: -0x1000000000000000000
            text: id-${big}
            same: ${big}
            """);

        Assert.Equal(BigInteger.Parse("123456789012345678901234", System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<BigInteger>(parameters["big"]));
        Assert.Equal(-(BigInteger.One << 72), parameters["negative"]);
        Assert.Equal("id-123456789012345678901234", parameters["text"]);
        Assert.Equal(parameters["big"], parameters["same"]);
    }

    [Fact]
    public void Parameters_Floats_FollowOmegaConfsYamlLoader()
    {
        var parameters = Parameters("""
            dot_exponent_unsigned: .5e3
            dot_exponent_signed: .5e+3
            dot_only: .5
            plain_exponent: 1e3
            fraction_exponent: 1.5e-3
            trailing_dot: 1.
            signed_dot: +.5
            sexagesimal: 1:30.5
            """);

        Assert.Equal(".5e3", parameters["dot_exponent_unsigned"]);
        Assert.Equal(500.0, parameters["dot_exponent_signed"]);
        Assert.Equal(0.5, parameters["dot_only"]);
        Assert.Equal(1000.0, parameters["plain_exponent"]);
        Assert.Equal(0.0015, parameters["fraction_exponent"]);
        Assert.Equal(1.0, parameters["trailing_dot"]);
        Assert.Equal("+.5", parameters["signed_dot"]);
        Assert.Equal(90.5, parameters["sexagesimal"]);
    }

    [Theory]
    [InlineData("catalog.json", "{\n\t\"a\": {\"type\": \"MemoryDataset\"}\n}\n", 2, 1)]
    [InlineData("catalog.yml", "a:\n  type:\tMemoryDataset\n", 2, 8)]
    [InlineData("catalog.yml", "a:\n  type: MemoryDataset\t\n", 2, 22)]
    [InlineData("catalog.yml", "a:\n\t\n  type: MemoryDataset\n", 2, 1)]
    public void Catalog_TabOutsideQuotesAndComments_IsAnErrorNamingFileAndLine(string file, string text, int line, int column)
    {
        var path = _conf.Write("base/" + file, text);
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        Assert.Equal((path, line, column), (error.FilePath, error.Line, error.Column));
        Assert.StartsWith($"Invalid YAML or JSON file {path}, unable to read line {line}, position {column}.\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("Found character '\\t' that cannot start any token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_TabsInsideQuotesCommentsAndBlockScalars_AreKept()
    {
        var parameters = Parameters("a: \"x\ty\"\nb: 'p\tq' # note\twith tab\nc: |\n  one\ttwo\n");

        Assert.Equal(Map(("a", "x\ty"), ("b", "p\tq"), ("c", "one\ttwo\n")), parameters);
    }

    [Fact]
    public void Parameters_MergeKey_KeepsTheAnchorsKeyOrderWithOverridesInPlace()
    {
        var parameters = Parameters("""
            _a: &a {p: 1, q: 2, r: 3}
            _x: &x {a: 1, c: 1}
            _y: &y {b: 2, c: 2}
            m: {<<: *a, q: 9}
            explicit_first: {q: 0, <<: *a}
            several:
              <<: [*x, *y]
              d: 4
            """);

        Assert.Equal(["p", "q", "r"], parameters.At("m").Keys);
        Assert.Equal(Map(("p", 1), ("q", 9), ("r", 3)), parameters.At("m"));
        Assert.Equal(["p", "q", "r"], parameters.At("explicit_first").Keys);
        Assert.Equal(0, parameters.At("explicit_first")["q"]);
        Assert.Equal(["b", "c", "a", "d"], parameters.At("several").Keys);
        Assert.Equal(Map(("b", 2), ("c", 1), ("a", 1), ("d", 4)), parameters.At("several"));
    }

    [Fact]
    public void Parameters_BackslashesBeforeAnInterpolation_FollowOmegaConfsEscaping()
    {
        var parameters = Parameters("""
            a: x
            escaped_backslash: \\${a}
            escaped_interpolation: \${a}
            both: \\\${a}
            two_escaped_backslashes: \\\\${a}
            elsewhere: a\\b${a}
            """);

        Assert.Equal(@"\x", parameters["escaped_backslash"]);
        Assert.Equal("${a}", parameters["escaped_interpolation"]);
        Assert.Equal(@"\${a}", parameters["both"]);
        Assert.Equal(@"\\x", parameters["two_escaped_backslashes"]);
        Assert.Equal(@"a\\bx", parameters["elsewhere"]);
    }

    [Fact]
    public void Catalog_UnderscoreKeysRemoved_RemainingKeysKeepBaseThenEnvironmentOrder()
    {
        _conf.Write("base/catalog.yml", """
            _template: {type: MemoryDataset}
            a: ${_template}
            _other: x
            b: ${_template}
            """);
        _conf.Write("local/catalog.yml", """
            c: {type: MemoryDataset}
            _local: y
            d: {type: MemoryDataset}
            a: {type: MemoryDataset}
            """);

        Assert.Equal(["a", "b", "c", "d"], _conf.Loader()["catalog"].Keys);
    }

    [Fact]
    public void Catalog_GlobalsDefault_IsTypedAsAResolverArgument()
    {
        _conf.Write("base/catalog.yml", """
            values:
              hex: ${globals:missing, 0x10}
              octal: ${globals:missing, 010}
              int: ${globals:missing, 1_000}
              inf: ${globals:missing, inf}
              negative_inf: ${globals:missing, -inf}
              nan: ${globals:missing, NaN}
              float: ${globals:missing, 1e3}
              bool: ${globals:missing, TRUE}
              yes: ${globals:missing, yes}
              null: ${globals:missing, NULL}
              list: ${globals:missing, [1, 2]}
              mapping: "${globals:missing, {a: 1, b: [x, 'y z']}}"
              quoted: ${globals:missing, '010'}
            """);
        _conf.Folder("local");

        var values = _conf.Loader()["catalog"].At("values");

        Assert.Equal("0x10", values["hex"]);
        Assert.Equal("010", values["octal"]);
        Assert.Equal(1000, values["int"]);
        Assert.Equal(double.PositiveInfinity, values["inf"]);
        Assert.Equal(double.NegativeInfinity, values["negative_inf"]);
        Assert.True(double.IsNaN(Assert.IsType<double>(values["nan"])));
        Assert.Equal(1000.0, values["float"]);
        Assert.Equal(true, values["bool"]);
        Assert.Equal("yes", values["yes"]);
        Assert.Null(values["null"]);
        Assert.Equal(List(1, 2), values["list"]);
        Assert.Equal(Map(("a", 1), ("b", List("x", "y z"))), values["mapping"]);
        Assert.Equal("010", values["quoted"]);
    }

    [Fact]
    public void Credentials_ReferenceToAnotherCredentialsFile_FailsNamingTheKey()
    {
        var path = _conf.Write("local/credentials.yml", "db:\n  user: ${_user}\n");
        _conf.Write("local/credentials_shared.yml", "_user: admin\n");
        _conf.Folder("base");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["credentials"]);

        Assert.StartsWith("Interpolation key '_user' not found\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("'db.user'", error.Message, StringComparison.Ordinal);
        Assert.Contains("each credentials file is resolved on its own", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Credentials_ReferenceWithinTheSameFile_IsResolved()
    {
        _conf.Write("local/credentials.yml", "_user: admin\ndb:\n  user: ${_user}\n");
        _conf.Write("local/credentials_other.yml", "api: {token: abc}\n");
        _conf.Folder("base");

        Assert.Equal(Map(("db", Map(("user", "admin"))), ("api", Map(("token", "abc")))), _conf.Loader()["credentials"]);
    }

    [Theory]
    [InlineData("p: [1, 2]\n", "p: {a: 1}\n", "p")]
    [InlineData("p: {a: 1}\n", "p: [1, 2]\n", "p")]
    [InlineData("m:\n  x: [1]\n", "m:\n  x: {a: 1}\n", "m.x")]
    public void SoftMerge_ListAndMappingUnderOneKey_FailsNamingTheKey(string baseYaml, string localYaml, string key)
    {
        _conf.Write("base/parameters.yml", baseYaml);
        _conf.Write("local/parameters.yml", localYaml);

        var error = Assert.Throws<BadConfigException>(
            () => _conf.Loader(mergeStrategy: new Dictionary<string, string> { ["parameters"] = "soft" })["parameters"]);

        Assert.StartsWith($"Cannot merge DictConfig with ListConfig\n    full_key: {key}\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_ListAndMappingInTwoFilesOfOneEnvironment_FailNamingTheKey()
    {
        _conf.Write("base/parameters.yml", "m:\n  x: [1]\n");
        _conf.Write("base/parameters_more.yml", "m:\n  x: {a: 1}\n");
        _conf.Folder("local");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.StartsWith("Cannot merge DictConfig with ListConfig\n    full_key: m.x\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SoftMerge_ScalarAndMapping_EnvironmentWins()
    {
        _conf.Write("base/parameters.yml", "p: 1\nq: {a: 1}\n");
        _conf.Write("local/parameters.yml", "p: {a: 1}\nq: 2\n");

        var parameters = _conf.Loader(mergeStrategy: new Dictionary<string, string> { ["parameters"] = "soft" })["parameters"];

        Assert.Equal(Map(("p", Map(("a", 1))), ("q", 2)), parameters);
    }
}

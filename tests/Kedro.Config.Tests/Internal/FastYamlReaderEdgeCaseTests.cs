using System.Text.Json;
using Kedro.Config.Internal;

namespace Kedro.Config.Tests.Internal;

/// <summary>
/// Edge cases of the YAML found in configuration files: whatever the fast reader accepts must read exactly as the
/// full YAML parser reads it.
/// </summary>
public class FastYamlReaderEdgeCaseTests
{
    public static TheoryData<string> EdgeCases => new()
    {
        "a: |\n  no final newline",
        "a: >\n  no final newline",
        "a: |+\n  kept",
        "a: |\n  x\n\n",
        "a: |+\n  x\n\n",
        "a: |-\n  x\n\n\n",
        "a: |\n",
        "a: |\nb: 1\n",
        "a: >\n  one\n\n\n  two\n",
        "a: >\n\n  lead\n",
        "a: |\n\n  lead\n",
        "- |\n  in a list\n- >-\n  folded\n  item\n",
        "a: |\n    deep\n  less\n",
        "a: |\n  x\n  # not a comment\nb: 1\n",
        "a: 1 # c\nb: 'x' # c\nc: [1] # c\nd: {e: 1} # c\n",
        "a:\tb\n",
        "a: b\t\n",
        "a: b\t# tab comment\n",
        "-\tx\n",
        "a:\n- x\n-\ty\n",
        "a: \"tab\there\"\n",
        "a: 'tab\there'\n",
        "a: x\u0085y\n",
        "a: x\u2028y\n",
        "a: x\u00a0y\n",
        "a: \u00a0x\n",
        "key.with.dots: 1\n\"key: colon\": 2\nkey with spaces: 3\n'x.y': 4\n",
        "a:b: 1\n",
        "a: b:c\n",
        "a: [b:c, d]\n",
        "a: {b:c}\n",
        "a: {\"b\":1}\n",
        "a: {'b':1}\n",
        "a: [\"b\":1]\n".Replace("\"b\":1", "x"),
        "a: [1,\n  2]\nb: 1\n",
        "a: {b: 1,\n  c: 2}\n",
        "a: [1,\n2]\n",
        "a: ${oc.env:HOME}\n",
        "a: ${globals:x.y, default}\n",
        "a: \"${oc.select:x, 'd'}\"\n",
        "a: ${x} and ${y}\n",
        "a: { b: ${x} }\n",
        "a: [${x}, ${y}]\n",
        "a: ${x:${y}}\n".Replace("${x:${y}}", "${oc.env:${y}}"),
        "a: \"\\\\server\\\\share\"\n",
        "a: 'C:\\path'\n",
        "a: \"\\x41\\u00e9\\U0001F600\"\n",
        "a: \"\\/\"\n",
        "a: 😀\n😀: b\n",
        "a: -1\nb: +1\nc: .1\nd: 1.\ne: 1e3\nf: 1.0e+3\ng: .inf\nh: -.Inf\ni: .nan\nj: 0.\nk: 1_0\nl: 0x_1\nm: 1e\nn: e1\n",
        "a: 190:20:30\nb: 0o17\nc: 09\nd: 07\ne: 0_7\nf: 1.5:30\n",
        "a: y\nb: n\nc: Y\nd: N\ne: TRUE\nf: tRUE\n",
        "a: 2024-01-01\nb: 2024-01-01T10:00:00Z\nc: 2001-12-14 21:59:43.10 -5\n",
        "a: &x 1\nb: *x\n",
        "a: &x\n  - 1\nb: *x\n",
        "a: &x {b: 1}\nc:\n  <<: *x\n  b: 2\n",
        "a:\n  b: &x 1\n  c: [*x, *x]\n",
        "a: !!str\nb: !!null ''\nc: !!bool yes\nd: !!str yes\n",
        "a: !!int 0x10\nb: !!float '1e3'\n",
        "a: ''\nb: \"\"\nc:\nd: ~\ne: null\n",
        "- \n-\n- ~\n",
        "a:\n  -\n  - b\n",
        "a:\n  b:\n  c:\n",
        "a:\n    - 1\n    - 2\n  \nb: 2\n",
        "  a: 1\n  b: 2\n",
        "a:\n  - b: 1\n    c: 2\n  - d: 3\n",
        "a:\n- b:\n  - c\n  d: 1\n",
        "- a: 1\n  b:\n    - x\n- c\n",
        "- - - x\n    - y\n  - z\n",
        "a: 'x''y'''\nb: ''''\n",
        "a: \"x\\\"y\"\n",
        "a: \"#x\"\nb: x#y\nc: x #y\n",
        "a: x  \n",
        "...\n",
        "a: 1\n...\n",
        "a: 1\n---\n",
        "--- a: 1\n",
        "---\n",
        "--- # comment\na: 1\n",
        "a: b\n  # indented comment\nc: d\n",
        "a:\n  # comment\n  b: 1\n",
        "a: |\n  x\n # less indented comment\nb: 1\n",
        "a: >-\n  x\n   y\n  z\n",
        "a: |\n  \tx\n",
        "a: |\n\tx\n",
        "a: >\n  a\n  \n  b\n",
        "a: |\n  a\n  \n  b\n",
        "a: |\n  a\n   \n  b\n",
        "a: >+\n  a\n\n",
        "? a\n",
        "a: ? b\n",
        "a: [?, b]\n",
        "a: [- b]\n",
        "a: [-b, -1, - ]\n".Replace(", - ]", "]"),
        "a: :b\n",
        "a: b:\n",
        "a: [b:]\n",
        "a: {b: c:}\n",
        "a: x\n\n\n\n",
        "a: 1\n\r\n",
        "\uFEFFa: 1\n",
        "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 3\r\n",
        "a: \"line\\\n  continued\"\n",
        "a: 'x\n\n  y'\n",
        "a: [1, 2]x\n",
        "a: !foo x\n",
        "a: !<tag:yaml.org,2002:str> x\n",
        "a: &anchor\nb: *anchor\n",
        "<<: {a: 1}\nb: 2\n",
        "a:\n  <<: [{x: 1}, {x: 2, y: 3}]\n",
        "'<<': {a: 1}\n",
        "a: [a, [b, c], {d: [e]}]\n",
        "a: {b: [1, 2], c: {d: e}}\n",
        "a: {b}\n",
        "a: {b, c: 1}\n",
        "a: {? b: 1}\n",
        "a: [{b: 1}, {c: 2}]\n",
        "a: [ \"x\" , 'y' ]\n",
        "a: [\"x\"  ,'y']\n",
        "a: [x y, z]\n",
        "a: {b c: d e}\n",
        "a: [x # c\n  , y]\n",
        "a: [x, # c\n  y]\n",
        "a: \"\"\"\"\n",
        "a: 'x' 'y'\n",
        "\"a\" : 1\n",
        "'a'  :   1\n",
        "\"a\\nb\": 1\n",
        "\"\": 1\n",
        "'': 1\n",
        "a  : 1\n",
        "a b  c: 1\n",
        "a: b # c: d\n",
        "a: 'b' #c\n",
        "a: 'b'#c\n",
        "a: [b]#c\n",
        "a: |#c\n  x\n",
        "a: | #c\n  x\n",
        "a: |-  # c\n  x\n",
        "a: >2\n   x\n",
        "a: |-1\n  x\n",
        "a: &x |\n  lit\nb: *x\n",
        "a: !!str |\n  lit\n",
        "- &x a\n- *x\n",
        "- !!str 1\n",
        "a: *x\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n  b: 1\n   c: 2\n",
        "a:\n b: 1\n",
        "a: 1\n b: 2\n",
        "- a\n - b\n",
        "- a\n  - b\n",
        "-a\n",
        "- -a\n",
        "a: -\n",
        "a: - \n",
        "a: [1, 2]\n  b: 3\n",
        "a: [\n  1,\n  2,\n]\n",
        "a: {\n  b: 1,\n  c: 2\n}\n",
        "a: [\n1]\n",
        "{a: 1}\n",
        "[1, 2]\n",
        "\"a\"\n",
        "a: 1 \n\t\nb: 2\n",
        "a: 1\n\t# tab comment\nb: 2\n",
        "a:\n\t\n  b: 1\n",
        "a: \t\n  b: 1\n",
        "a: 123456789012345678901234567890\n",
        "a: 9223372036854775807\nb: 9223372036854775808\nc: -9223372036854775808\nd: 2147483648\n",
        "a: 1e400\nb: -1e400\nc: 1e-400\n",
        "a: 0x7FFFFFFFFFFFFFFF\nb: 0xFFFFFFFFFFFFFFFF\n",
        "a: 1:2:3:4:5:6:7:8:9:10:11:12:13\n",
        "a: value # comment with: colon\n",
        "{namespace}.data: x\n",
        "\"{namespace}.{name}_data\":\n  type: pandas.CSVDataset\n  filepath: data/01_raw/{name}.csv\n",
        "_base: &base\n  type: pandas.CSVDataset\n  load_args:\n    sep: ','\nitems:\n  - <<: *base\n    filepath: a.csv\n  - <<: *base\n    filepath: b.csv\n",
        "a:\n  - name: x\n    sql: |\n      SELECT 1\n  - name: y\n",
        "a: |\n  line1\n\n  line3\n\n\nb: 2\n",
        "a: >-\n\n  x\n\n",
        "a: |2-\n  x\n",
        "a: \"\\u00e9\\t\\\\\"\nb: 'é ü 中文'\n中文: 值\n",
        "credentials:\n  user: admin\n  password: \"p@ss:w#rd\"\n  token: abc#def\n",
        "s3: s3://bucket/path/{x}\nglob: data/*.csv\nstar: '*'\namp: a&b\nbang: a!b\n",
        "a: @\n",
        "a: `x`\n",
        "a: x: y\n",
        "a: \"x\": y\n",
        "- a\n-\n  - b\n",
        "a:\n-   x\n-   y:\n      z\n",
        "a:\n  - x\n  -  y\n b: 1\n",
        "a: 1\n---\n...\n",
        "a: !!str\n  b: 1\n",
        "a: !!map\n  b: 1\n",
        "a: !!seq\n- 1\n",
        "a: &x !!str 1\nb: *x\n",
        "a: !!str &x 1\nb: *x\n",
        "a: *x\nb: &x 1\n",
        "a: [*x]\n",
        "a: &x [1, *x]\n",
        "a: {*x : 1}\n",
        "a:\n  b: 1\n  <<: {b: 2, c: 3}\n",
        "a:\n  <<: {b: 2}\n  <<: {c: 3}\n",
        "a: 0\nb: -0\nc: 00\nd: 0.0\ne: -0.0\nf: 1__2\ng: 1_\n",
        "a: 1.5.\nb: 1e+\nc: 0x\nd: 0b\ne: +\nf: -\ng: .\n",
        "a: 1:60\nb: 1:59\nc: 1:5\nd: 01:30\ne: 1:30.5\n",
        "a: [\n  1,\n]\n",
        "a:\n  b: [\n    1\n  ]\n",
        "a:\n  b: {\n    c: 1\n  }\n",
        "a: [\n  1\n  , 2]\n",
        "a: |\n  x\n  ",
        "a: |+\n  x\n  ",
        "a: |-\n  x",
        "a: >\n  x\n\n  y",
        "- |\n  x",
        "a:\n  b: |\n    x\n  c: |\n    y",
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void TryRead_EdgeCase_MatchesTheFullParserOrIsLeftToIt(string yaml)
    {
        string? fast;
        try
        {
            fast = FastYamlReader.TryRead(yaml, "test.yml", out var root) ? Describe(root) : null;
        }
        catch (BadConfigException error)
        {
            fast = "error: " + error.Message;
        }

        if (fast is null)
        {
            return;
        }

        string full;
        try
        {
            full = Describe(YamlReader.ReadDocumentWithFullParser(yaml, "test.yml"));
        }
        catch (BadConfigException error)
        {
            full = "error: " + error.Message;
        }

        Assert.Equal(full, fast);
    }

    [Fact]
    public void TryRead_EveryPrefixOfEveryCase_EitherReadsLikeTheFullParserOrIsLeftToIt()
    {
        var cases = ((IEnumerable<object[]>)EdgeCases).Concat(FastYamlReaderTests.Supported).Select(row => (string)row[0]);
        foreach (var yaml in cases)
        {
            for (var length = 0; length <= yaml.Length; length++)
            {
                TryRead_EdgeCase_MatchesTheFullParserOrIsLeftToIt(yaml[..length]);
            }
        }
    }

    private static string Describe(ConfigNode? node) =>
        JsonSerializer.Serialize(Shape(node?.ToPlain()));

    private static object? Shape(object? value) => value switch
    {
        Dictionary<string, object?> map => map.Select(p => new object?[] { p.Key, Shape(p.Value) }).ToList(),
        List<object?> list => list.Select(Shape).ToList(),
        null => "<null>",
        double d => $"double:{d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
        _ => $"{value.GetType().Name}:{value}",
    };
}

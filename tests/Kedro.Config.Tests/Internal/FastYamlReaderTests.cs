using System.Text.Json;
using Kedro.Config.Internal;

namespace Kedro.Config.Tests.Internal;

/// <summary>The fast reader gives exactly what the full YAML parser gives, or leaves the text to it.</summary>
public class FastYamlReaderTests
{
    public static TheoryData<string> Supported => new()
    {
        "",
        "# only a comment\n\n",
        "a: 1\nb: two\nc: 3.5\nd: true\ne: ~\nf:\ng: 'q''uoted'\nh: \"esc\\t\\\"x\\u00e9\"\n",
        "---\na: 1\n",
        "a:\n  b:\n    c: 1\n  d: [1, 2, {e: f}]\ng: {h: i, 'j': \"k\"}\n",
        "list:\n- a\n- b\nnext: 1\n",
        "list:\n  - a\n  -   b\n  - - nested\n    - more\n  - key: v\n    other: w\n  -\n    deep: 1\n  -\n",
        "url: http://example.com:8080/x\ntime: 12:30\nwin: C:\\data\\x.csv\nhash: a#b\ncomment: a # b\nlabel: price: none\n".Replace("label: price: none\n", ""),
        "sql: |\n  SELECT *\n    FROM t\n\n  WHERE x = 1\nnext: 2\n",
        "text: >\n  one\n  two\n\n  three\nstrip: |-\n  kept\nkeep: |+\n  kept\n\nend: 1\n",
        "_csv: &csv\n  type: pandas.CSVDataset\n  load_args: {sep: ','}\ncars:\n  <<: *csv\n  filepath: cars.csv\nsizes: &s [1, 2]\ncopy: *s\n",
        "tagged: !!str 123\nfloat: !!float 1\nint: !!int '7'\nplain: ! yes\n",
        "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"},\n  \"f\": 1.5e3}\n",
        "\"quoted key\": 1\n'single': 2\n? : 3\n".Replace("? : 3\n", ""),
        "spaces_after:    value   \nyes: no\non: off\n010: 0x1F\n",
        "a: [1, 2,]\nb: {x: 1,}\nc: []\nd: {}\ne: [ ]\n",
        "a: 'it''s'\nb: \"\"\nc: ''\n",
        "\"{namespace}.data\":\n  type: MemoryDataset\n  filepath: data/{namespace}/x.csv\n",
        "a: ${b}\nb: 'x ${c} y'\nc: \"${d.e}\"\n",
        "just a document scalar\n",
        "- 1\n- 2\n",
        "a:\n  b: 1\n\n\n  c: 2\n# trailing\n",
        "-key: 1\n:x: 2\n",
        "- name: x\n  sql: |\n    SELECT 1\n    FROM t\n- name: y\n  sql: >-\n    a\n    b\n",
        "my key: 1\nünïcode: ☃\nnums: [1e5, -.5, +.inf, 0o17, .5, 1_000, 0b101, 1:30, 12:30:45.5, 2024-01-01, -0, +12]\n",
        "base: &b\n  x: 1\nderived:\n  <<: *b\n  y: 2\nmulti:\n  <<: [*b, {z: 3}]\n",
        "a: 1\r\nb:\r\n  - x\r\n",
        "empty_list_item:\n- \n- x\n",
        "quoted_values: [\"a, b\", 'c: d', \"e # f\"]\nflow_map: {a: {b: [1, {c: d}]}, e: }\n",
        "key: value with 'quotes' and \"doubles\"\n",
        "nested:\n    deep:\n        deeper: 1\n    back: 2\n",
    };

    [Theory]
    [MemberData(nameof(Supported))]
    public void TryRead_SupportedYaml_MatchesTheFullParser(string yaml)
    {
        Assert.True(FastYamlReader.TryRead(yaml, "test.yml", out var fast));
        var full = YamlReader.ReadDocumentWithFullParser(yaml, "test.yml");

        Assert.Equal(Describe(full), Describe(fast));
    }

    public static TheoryData<string> LeftToTheFullParser => new()
    {
        "a: b: c\n",
        "a: [1, 2\n",
        "a:\n  b: 1\n    c: 2\n",
        "a: 'multi\n  line'\n",
        "a: plain\n  continued\n",
        "a: 1\n---\nb: 2\n",
        "%YAML 1.1\n---\na: 1\n",
        "? complex\n: key\n",
        "a: *undefined\n",
        "a:\n\t- tab\n",
        "{\n\t\"tabs\": 1\n}\n",
        "a: \"tab\there\"\n",
        "a: !custom x\n",
        "a: |2\n   indented\n",
        "a: @reserved\n",
        "a: - b\n",
        "[a, b]: c\n",
    };

    [Theory]
    [MemberData(nameof(LeftToTheFullParser))]
    public void TryRead_UnusualOrInvalidYaml_IsLeftToTheFullParser(string yaml)
    {
        Assert.False(FastYamlReader.TryRead(yaml, "test.yml", out _));
    }

    [Fact]
    public void TryRead_DuplicateKey_ThrowsTheSameErrorAsTheFullParser()
    {
        const string Yaml = "a: 1\nb:\n  c: 1\n  c: 2\n";

        var fast = Assert.Throws<BadConfigException>(() => FastYamlReader.TryRead(Yaml, "f.yml", out _));
        var full = Assert.Throws<BadConfigException>(() => YamlReader.ReadDocumentWithFullParser(Yaml, "f.yml"));

        Assert.Equal(full.Message, fast.Message);
        Assert.Equal((4, 3), (fast.Line, fast.Column));
    }

    [Fact]
    public void TryRead_Marks_MatchTheFullParser()
    {
        const string Yaml = "a:\n  b: ${x}\n  c: [1, \"${y}\"]\nd: {e: '${z}'}\n";

        Assert.True(FastYamlReader.TryRead(Yaml, "f.yml", out var fast));
        var full = YamlReader.ReadDocumentWithFullParser(Yaml, "f.yml");

        Assert.Equal(Marks(full), Marks(fast));
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

    private static List<string> Marks(ConfigNode? node)
    {
        var marks = new List<string>();
        void Walk(ConfigNode? current, string path)
        {
            switch (current)
            {
                case MapNode map:
                    foreach (var pair in map.Entries)
                    {
                        marks.Add($"{path}.{pair.Key} key@{map.KeyMarks[pair.Key]}");
                        Walk(pair.Value, path + "." + pair.Key);
                    }

                    break;
                case SeqNode sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Walk(sequence.Items[i], $"{path}[{i}]");
                    }

                    break;
                case ScalarNode scalar:
                    marks.Add($"{path} value@{scalar.Mark}");
                    break;
                default:
                    break;
            }
        }

        Walk(node, "");
        return marks;
    }
}

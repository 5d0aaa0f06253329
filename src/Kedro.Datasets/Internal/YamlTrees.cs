using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kedro.Datasets.Internal;

/// <summary>
/// YAML as plain trees for YAMLDataset: mappings become ordinal dictionaries (file order kept), sequences lists, and
/// plain scalars are typed as PyYAML's <c>safe_load</c> types them, by the shared YAML 1.1 rules (<see cref="YamlScalars"/>)
/// with PyYAML's own float rule (<see cref="YamlFloats.PyYaml"/>), which differs from the configuration loader's on
/// purpose; quoted scalars stay strings. No tag ever creates a .NET type. Saving writes through the shared
/// <see cref="YamlWriter"/>.
/// </summary>
internal static class YamlTrees
{
    public static object? Parse(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Count == 0 ? null : ToPlain(stream.Documents[0].RootNode, 0);
    }

    public static string Serialize(object? tree) => YamlWriter.Write(tree);

    private static object? ToPlain(YamlNode node, int depth)
    {
        if (depth > 256)
        {
            throw new YamlException("The YAML nests too deeply (or refers to itself).");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalar ? scalar.Value ?? "null" : key.ToString();
                    if (!dictionary.TryAdd(name, ToPlain(value, depth + 1)))
                    {
                        throw new YamlException(key.Start, key.End, $"Duplicate key '{name}'.");
                    }
                }

                return dictionary;
            case YamlSequenceNode sequence:
                return sequence.Children.Select(child => ToPlain(child, depth + 1)).ToList();
            case YamlScalarNode scalar:
                return Resolve(scalar);
            default:
                return null;
        }
    }

    // PyYAML's safe_load rules (the shared YAML 1.1 rules with PyYAML's own float rule), not the configuration loader's:
    // YAMLDataset reads files as Kedro's YAMLDataset does with yaml.safe_load, where '1e3' stays a string.
    private static object? Resolve(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is not null && YamlScalars.TryResolveTagged(tag, text, out var tagged))
        {
            return tagged;
        }

        return tag is null && scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)
            ? text
            : YamlScalars.Resolve(text, YamlFloats.PyYaml);
    }
}

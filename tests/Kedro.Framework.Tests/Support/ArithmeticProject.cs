using Kedro.IO;
using Kedro.Pipelines;

namespace Kedro.Framework.Tests.Support;

/// <summary>
/// The small project of Kedro's session tests: <c>a</c> (10) plus <c>params:b</c> (5) gives <c>c</c>, scaled by
/// <c>params:nested.factor</c> (2) gives <c>d</c>; the <c>other</c> pipeline adds into <c>e</c>.
/// </summary>
public static class ArithmeticProject
{
    public const string Catalog = """
        _template:
          type: MemoryDataset
        a:
          type: MemoryDataset
          data: 10
        d:
          type: ${_template.type}
        """;

    public const string Parameters = """
        b: 5
        nested:
          factor: 2
          other: ${b}
        """;

    public static TestProject Create()
    {
        var project = new TestProject();
        project.Write("conf/base/catalog.yml", Catalog);
        project.Write("conf/base/parameters.yml", Parameters);
        return project;
    }

    public static Dictionary<string, Pipeline> Pipelines() => new()
    {
        ["__default__"] = new Pipeline([
            Node.Create(Add, inputs: new[] { "a", "params:b" }, outputs: "c", name: "add_node", tags: ["t1"]),
            Node.Create(Scale, inputs: new[] { "c", "params:nested.factor" }, outputs: "d", name: "scale_node"),
        ]),
        ["other"] = new Pipeline([
            Node.Create(Add, inputs: new[] { "a", "params:b" }, outputs: "e", name: "other_add_node"),
        ]),
    };

    public static ProjectSettings Settings(params object[] hooks)
    {
        var settings = new ProjectSettings
        {
            Pipelines = new PipelineRegistry(Pipelines),
            DatasetRegistry = new DatasetTypeRegistry(),
            ProjectName = "arithmetic",
        };
        foreach (var hook in hooks)
        {
            settings.Hooks.Add(hook);
        }

        return settings;
    }

    private static int Add(int a, int b) => a + b;

    private static int Scale(int c, int factor) => c * factor;
}

using Kedro.Cli;
using Kedro.Pipelines;

// The smallest whole Kedro.NET project: three nodes, a catalog and parameters, measured as
// `Kedro.Benchmarks.Startup run` from process start to exit (see docs/benchmarks.md, "Configuration start-up").
return await KedroProject.RunAsync(args, project => project
    .AddPipelines(() => new Dictionary<string, Pipeline>
    {
        ["__default__"] = new(
        [
            Node.Create((long start) => start + 1, inputs: "params:start", outputs: "first", name: "first_node"),
            Node.Create((long first, long step) => first + step, inputs: ["first", "params:step"], outputs: "second", name: "second_node"),
            Node.Create((long second) => second * 2, inputs: "second", outputs: "third", name: "third_node"),
        ]),
    }));

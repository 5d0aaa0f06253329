using Kedro.Cli;
using KedroStarter;

// The whole Kedro command line: `dotnet run -- run`, `dotnet run -- run --pipelines data_processing`,
// `dotnet run -- catalog list`, `dotnet run -- --help`.
return await KedroProject.RunAsync(args, project => project
    .AddPipelines(PipelineRegistry.Register));

using Kedro.Cli;
using Spaceflights;
using Spaceflights.RawData;

return await KedroProject.RunAsync(args, project => project
    .AddPipelines(PipelineRegistry.Register)
    .AddHooks(new RawDataHook()));

using Kedro.Cli;
using Kedro.Datasets.Plots;
using Kedro.Datasets.Sql;
using Kedro.Hangfire;
using Spaceflights;
using Spaceflights.RawData;

return await KedroProject.RunAsync(args, project => project
    .AddPipelines(PipelineRegistry.Register)
    .ConfigureDatasets(registry => registry.AddKedroPlotDatasets().AddKedroSqlDatasets())
    .AddHooks(new RawDataHook())
    .AddHangfire());

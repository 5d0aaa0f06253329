using Kedro.Cli;
using Kedro.Hangfire;
using Kedro.Hangfire.TestProject;

return await KedroProject.RunAsync(args, project => project
    .AddPipelines(TestPipelines.Register)
    .AddHooks(new RecordingHooks())
    .AddHangfire());

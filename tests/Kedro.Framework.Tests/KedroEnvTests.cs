using Kedro.Framework.Tests.Support;

namespace Kedro.Framework.Tests;

[CollectionDefinition("ProcessEnvironment", DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

[Collection("ProcessEnvironment")]
public sealed class KedroEnvTests
{
    [Fact]
    public void Create_WithoutEnv_ReadsKedroEnvVariable()
    {
        using var project = ArithmeticProject.Create();
        project.Write("conf/my_fake_env/parameters.yml", "b: 9\n");
        Environment.SetEnvironmentVariable("KEDRO_ENV", "my_fake_env");
        try
        {
            using var session = KedroSession.Create(ArithmeticProject.Settings(), project.Path);
            var context = session.LoadContext();

            Assert.Equal("my_fake_env", context.Env);
            Assert.Equal("my_fake_env", context.ConfigLoader.Env);
            Assert.Equal(9, context.Params["b"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KEDRO_ENV", null);
        }
    }
}

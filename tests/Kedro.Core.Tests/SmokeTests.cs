using Kedro.Pipelines;

namespace Kedro.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void PipelineException_KeepsMessage() => Assert.Equal("x", new PipelineException("x").Message);
}

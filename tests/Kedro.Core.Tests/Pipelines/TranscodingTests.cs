using Kedro.Pipelines;

namespace Kedro.Core.Tests.Pipelines;

public sealed class TranscodingTests
{
    [Fact]
    public void Split_WithoutSeparator_ReturnsEmptyTranscoder()
    {
        Assert.Equal(("abc", ""), Transcoding.Split("abc"));
    }

    [Fact]
    public void Split_WithSeparator_ReturnsNameAndTranscoder()
    {
        Assert.Equal(("abc", "def"), Transcoding.Split("abc@def"));
        Assert.Equal("abc", Transcoding.Strip("abc@def"));
        Assert.Equal("abc", Transcoding.Strip("abc"));
    }

    [Fact]
    public void Split_WithTwoSeparators_ThrowsKedrosMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => Transcoding.Split("mydata@formA@formB"));

        Assert.Equal("Expected maximum 1 transcoding separator, found 2 instead: 'mydata@formA@formB'.", error.Message);
    }
}

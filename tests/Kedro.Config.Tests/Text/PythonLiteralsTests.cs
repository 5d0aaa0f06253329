using Kedro.Shared.Text;

namespace Kedro.Config.Tests.Text;

public class PythonLiteralsTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.01, "0.01")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(123.45, "123.45")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void Float_PrintsAsPython(double value, string expected)
    {
        Assert.Equal(expected, PythonLiterals.Float(value));
    }

    [Fact]
    public void List_PrintsAsPython()
    {
        Assert.Equal("['catalog*', 'catalog*/**']", PythonLiterals.List(["catalog*", "catalog*/**"]));
    }
}

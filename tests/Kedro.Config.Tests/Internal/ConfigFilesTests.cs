using Kedro.Config.Internal;

namespace Kedro.Config.Tests.Internal;

public class ConfigFilesTests
{
    [Theory]
    [InlineData("catalog*", "catalog.yml", true)]
    [InlineData("catalog*", "catalog_x.yaml", true)]
    [InlineData("catalog*", "sub/catalog.yml", false)]
    [InlineData("catalog*/**", "catalog/a.yml", true)]
    [InlineData("catalog*/**", "catalog_x/deep/a.yml", true)]
    [InlineData("catalog*/**", "other/a.yml", false)]
    [InlineData("**/catalog*", "catalog.yml", true)]
    [InlineData("**/catalog*", "a/b/catalog_c.yml", true)]
    [InlineData("**/catalog*", "a/b/my_catalog.yml", false)]
    [InlineData("globals.yml", "globals.yml", true)]
    [InlineData("globals.yml", "globals.yaml", false)]
    [InlineData("param?.yml", "param1.yml", true)]
    [InlineData("param[!0-9].yml", "param1.yml", false)]
    [InlineData("param[!0-9].yml", "params.yml", true)]
    [InlineData("param[a-c].yml", "paramb.yml", true)]
    [InlineData("param[a-c].yml", "paramd.yml", false)]
    [InlineData("**", "a/b.yml", true)]
    [InlineData("a/**/b.yml", "a/b.yml", true)]
    [InlineData("a/**/b.yml", "a/x/y/b.yml", true)]
    public void Glob_MatchesRelativePathsLikeKedro(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, ConfigFiles.Glob(pattern).IsMatch(path));
    }
}

using Kedro.Config.Tests.Support;
using static Kedro.Config.Tests.Support.Tree;

namespace Kedro.Config.Tests;

/// <summary><c>${...}</c> interpolation, globals, runtime parameters, environment variables and custom resolvers.</summary>
public sealed class OmegaConfigLoaderInterpolationTests : IDisposable
{
    private readonly ConfFolder _conf = new();

    public OmegaConfigLoaderInterpolationTests()
    {
        _conf.Folder("base");
        _conf.Folder("local");
    }

    public void Dispose() => _conf.Dispose();

    [Fact]
    public void Parameters_WholeValueInterpolation_KeepsTheReferencedType()
    {
        _conf.Write("base/parameters.yml", """
            model: {alpha: 0.5, layers: [1, 2], options: {deep: true}}
            alpha: ${model.alpha}
            layers: ${model.layers}
            options: ${model.options}
            second_layer: ${model.layers.1}
            first_layer: ${model.layers[0]}
            """);

        var parameters = _conf.Loader()["parameters"];

        Assert.Equal(0.5, parameters["alpha"]);
        Assert.Equal(List(1, 2), parameters["layers"]);
        Assert.Equal(Map(("deep", true)), parameters["options"]);
        Assert.Equal(2, parameters["second_layer"]);
        Assert.Equal(1, parameters["first_layer"]);
    }

    [Fact]
    public void Parameters_InterpolatedContainers_AreIndependentCopies()
    {
        _conf.Write("base/parameters.yml", "a: {x: 1}\nb: ${a}");

        var parameters = _conf.Loader()["parameters"];
        parameters.At("b")["x"] = 2;

        Assert.Equal(1, parameters.At("a")["x"]);
    }

    [Fact]
    public void Catalog_InterpolationInsideText_IsJoinedAsPythonText()
    {
        _conf.Write("base/catalog.yml", """
            _root: data
            _flag: true
            _rate: 0.00001
            _none: null
            cars:
              type: pandas.CSVDataset
              filepath: ${_root}/01_raw/cars_${_flag}_${_rate}_${_none}.csv
            """);

        Assert.Equal("data/01_raw/cars_True_1e-05_None.csv", _conf.Loader()["catalog"].At("cars")["filepath"]);
    }

    [Fact]
    public void Parameters_RelativeInterpolation_RefersToSiblingsAndParents()
    {
        _conf.Write("base/parameters.yml", "model:\n  size: 3\n  copy: ${.size}\n  inner:\n    up: ${..size}");

        var model = _conf.Loader()["parameters"].At("model");

        Assert.Equal(3, model["copy"]);
        Assert.Equal(3, model.At("inner")["up"]);
    }

    [Fact]
    public void Parameters_ChainedInterpolations_AreResolved()
    {
        _conf.Write("base/parameters.yml", "a: ${b}\nb: ${c}\nc: 7\nkey: c\nindirect: ${${key}}");

        var parameters = _conf.Loader()["parameters"];

        Assert.Equal(7, parameters["a"]);
        Assert.Equal(7, parameters["indirect"]);
    }

    [Fact]
    public void Parameters_EscapedInterpolation_StaysLiteral()
    {
        _conf.Write("base/parameters.yml", @"template: 'Hello \${name}'");

        Assert.Equal("Hello ${name}", _conf.Loader()["parameters"]["template"]);
    }

    [Fact]
    public void Catalog_MissingInterpolationKey_ThrowsNamingKeyPathFileAndLine()
    {
        var file = _conf.Write("base/catalog.yml", "cars:\n  type: pandas.CSVDataset\n  filepath: ${base_path}/cars.csv\n");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        Assert.StartsWith(
            "Interpolation key 'base_path' not found\n"
            + $"While resolving '${{base_path}}' for key 'cars.filepath' of the 'catalog' configuration in '{file}', line 3, column 13.\n"
            + "Hint: ",
            error.Message, StringComparison.Ordinal);
        Assert.Equal((file, 3, 13), (error.FilePath, error.Line, error.Column));
    }

    [Fact]
    public void Parameters_InterpolationAcrossEnvironments_IsNotResolved()
    {
        _conf.Write("base/parameters.yml", "b: 5");
        var file = _conf.Write("local/parameters.yml", "c: ${b}");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.Contains("Interpolation key 'b' not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("same environment", error.Message, StringComparison.Ordinal);
        Assert.Equal(file, error.FilePath);
    }

    [Fact]
    public void Parameters_RecursiveInterpolation_Throws()
    {
        _conf.Write("base/parameters.yml", "a: ${b}\nb: ${a}");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.StartsWith("Recursive interpolation detected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_UnclosedInterpolation_ThrowsNamingTheKey()
    {
        _conf.Write("base/parameters.yml", "a: 1\nb: ${a\n");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.Contains("Missing closing '}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("for key 'b'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    private void WriteGlobals()
    {
        _conf.Write("base/globals.yml", """
            x: 34
            dataset_type: pandas.CSVDataset
            nested:
              y: 42
            _hidden: 1
            """);
    }

    [Fact]
    public void Globals_AreUsableInParametersAndCatalog()
    {
        WriteGlobals();
        _conf.Write("base/parameters.yml", """
            my_param: ${globals:x}
            nested_param: ${globals:nested.y}
            defaulted: ${globals:y,34}
            default_text: ${globals:y, 'some text'}
            default_zero: ${globals:y,0}
            default_null: ${globals:y,null}
            """);
        _conf.Write("base/catalog.yml", "cars:\n  type: ${globals:dataset_type}\n  filepath: cars.csv");

        var loader = _conf.Loader();
        var parameters = loader["parameters"];

        Assert.Equal(34, parameters["my_param"]);
        Assert.Equal(42, parameters["nested_param"]);
        Assert.Equal(34, parameters["defaulted"]);
        Assert.Equal("some text", parameters["default_text"]);
        Assert.Equal(0, parameters["default_zero"]);
        Assert.Null(parameters["default_null"]);
        Assert.Equal("pandas.CSVDataset", loader["catalog"].At("cars")["type"]);
    }

    [Fact]
    public void Globals_LocalOverridesBase()
    {
        WriteGlobals();
        _conf.Write("local/globals.yml", "y: 99\nx: 1");
        _conf.Write("base/parameters.yml", "y: ${globals:y}\nx: ${globals:x}\nnested: ${globals:nested.y,0}");

        var parameters = _conf.Loader()["parameters"];

        Assert.Equal(Map(("y", 99), ("x", 1), ("nested", 42)), parameters);
    }

    [Fact]
    public void Globals_MissingKeyWithoutDefault_ThrowsKedrosMessage()
    {
        WriteGlobals();
        var file = _conf.Write("base/parameters.yml", "a: ${globals:nested.NOT_EXIST}");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.StartsWith("Globals key 'nested.NOT_EXIST' not found and no default value provided.\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("for key 'a'", error.Message, StringComparison.Ordinal);
        Assert.Equal(file, error.FilePath);
    }

    [Fact]
    public void Globals_UnderscoreKey_IsRejected()
    {
        WriteGlobals();
        _conf.Write("base/parameters.yml", "a: ${globals:_hidden}");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.StartsWith("Keys starting with '_' are not supported for globals.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Globals_AssignedThroughTheLoader_AreUsedByLaterLoads()
    {
        WriteGlobals();
        _conf.Write("base/parameters.yml", "x: ${globals:x}");
        var loader = _conf.Loader();

        loader["globals"] = Map(("x", 1));

        Assert.Equal(1, loader["parameters"]["x"]);
        Assert.Equal(Map(("x", 1)), loader["globals"]);
    }

    [Fact]
    public void Globals_RuntimeParamsResolverInsideGlobals_IsRejected()
    {
        _conf.Write("base/globals.yml", "x: ${runtime_params:x}");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader(runtimeParams: Map(("x", 1)))["globals"]);

        Assert.StartsWith("The `runtime_params:` resolver is not supported for globals.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Globals_UnknownResolverInsideGlobals_ThrowsUnsupportedInterpolationType()
    {
        _conf.Write("base/globals.yml", "x: ${non_existent_resolver:x}");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["globals"]);

        Assert.StartsWith("Unsupported interpolation type non_existent_resolver", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Globals_BrokenGlobalsFile_FailsTheFirstLoad()
    {
        _conf.Write("base/globals.yml", "x: [1\n");
        _conf.Write("base/parameters.yml", "a: 1");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["parameters"]);

        Assert.Contains("globals.yml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeParams_ResolverReadsValuesAndDefaults()
    {
        _conf.Write("base/parameters.yml", "x: ${runtime_params:x}\ny: ${runtime_params:y,34}\nnested: ${runtime_params:a.b}");
        _conf.Write("base/catalog.yml", "cars:\n  type: pandas.CSVDataset\n  filepath: ${runtime_params:folder,data}/cars.csv");

        var loader = _conf.Loader(runtimeParams: Map(("x", 45), ("a", Map(("b", "deep")))));

        Assert.Equal(45, loader["parameters"]["x"]);
        Assert.Equal(34, loader["parameters"]["y"]);
        Assert.Equal("deep", loader["parameters"]["nested"]);
        Assert.Equal("data/cars.csv", loader["catalog"].At("cars")["filepath"]);
    }

    [Fact]
    public void RuntimeParams_MissingKeyWithoutDefault_ThrowsKedrosMessage()
    {
        var file = _conf.Write("base/catalog.yml", "cars:\n  type: pandas.CSVDataset\n  filepath: ${runtime_params:NOT_EXIST}");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        Assert.StartsWith("Runtime parameter 'NOT_EXIST' not found and no default value provided.\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("for key 'cars.filepath' of the 'catalog' configuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("--params NOT_EXIST=", error.Message, StringComparison.Ordinal);
        Assert.Equal((file, 3), (error.FilePath, error.Line));
    }

    [Fact]
    public void Credentials_EnvironmentVariables_AreResolved()
    {
        var variable = "KEDRO_CONFIG_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "alice");
        try
        {
            _conf.Write("local/credentials.yml", $"db:\n  user: ${{oc.env:{variable}}}\n  host: ${{oc.env:{variable}_UNSET,localhost}}");

            var credentials = _conf.Loader()["credentials"];

            Assert.Equal(Map(("user", "alice"), ("host", "localhost")), credentials["db"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Credentials_MissingEnvironmentVariable_ThrowsWithoutShowingOtherValues()
    {
        _conf.Write("local/credentials.yml", "db:\n  password: prefix-${oc.env:KEDRO_CONFIG_TEST_SURELY_UNSET}");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["credentials"]);

        Assert.StartsWith("Environment variable 'KEDRO_CONFIG_TEST_SURELY_UNSET' not found\n", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("prefix-", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_MalformedInterpolation_DoesNotShowTheValue()
    {
        var file = _conf.Write("local/credentials.yml", "db:\n  password: hunter2-${oops\n");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["credentials"]);

        Assert.Contains("for key 'db.password' of the 'credentials' configuration", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Equal((file, 2), (error.FilePath, error.Line));
    }

    [Fact]
    public void Catalog_EnvironmentVariables_AreNotAllowedOutsideCredentials()
    {
        _conf.Write("base/catalog.yml", "cars:\n  type: pandas.CSVDataset\n  filepath: ${oc.env:HOME}/cars.csv");

        var error = Assert.Throws<BadConfigException>(() => _conf.Loader()["catalog"]);

        Assert.StartsWith("Unsupported interpolation type oc.env\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomResolvers_AreCalledWithTypedArguments()
    {
        _conf.Write("base/parameters.yml", "sum: ${add:1,2}\ntext: 'total ${add:1,2.5}'\nenv: ${oc.env:ANY}");
        var resolvers = new Dictionary<string, Func<IReadOnlyList<object?>, object?>>
        {
            ["add"] = args => Convert.ToDouble(args[0], System.Globalization.CultureInfo.InvariantCulture)
                + Convert.ToDouble(args[1], System.Globalization.CultureInfo.InvariantCulture),
            ["oc.env"] = args => $"env:{args[0]}",
        };

        var parameters = new OmegaConfigLoader(_conf.Root, customResolvers: resolvers)["parameters"];

        Assert.Equal(Map(("sum", 3.0), ("text", "total 3.5"), ("env", "env:ANY")), parameters);
    }

    [Fact]
    public void CustomResolvers_Failure_ThrowsNamingTheResolverAndKey()
    {
        _conf.Write("base/parameters.yml", "a: ${boom:1}");
        var resolvers = new Dictionary<string, Func<IReadOnlyList<object?>, object?>>
        {
            ["boom"] = _ => throw new InvalidOperationException("no luck"),
        };

        var error = Assert.Throws<BadConfigException>(() => new OmegaConfigLoader(_conf.Root, customResolvers: resolvers)["parameters"]);

        Assert.StartsWith("Resolver 'boom' failed: no luck\nWhile resolving '${boom:1}' for key 'a'", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }
}

using Kedro.Pipelines;

namespace Kedro.Core.Tests.Pipelines;

public sealed class PipelineModularTests
{
    private static readonly Func<object, object> Identity = PipelineFixtures.Identity;

    private static Node Find(Pipeline pipeline, string name) => pipeline.Nodes.Single(node => node.Name == name);

    private static Pipeline Raw() => new(
    [
        Node.Create(Identity, "A", "B", name: "node1"),
        Node.Create((object c, object d) => (c, d), ["C", "D"], ["E", "F"], name: "node2"),
        Node.Create((object input1, object input2) => new Dictionary<string, object?> { ["K"] = input1 },
            new Dictionary<string, string> { ["input1"] = "H", ["input2"] = "J" },
            new Dictionary<string, string> { ["K"] = "L" }, name: "node3"),
    ]);

    /// <summary>Runs the nodes in order on plain dictionaries (no runner needed).</summary>
    private static Dictionary<string, object?> RunAll(Pipeline pipeline, Dictionary<string, object?> data)
    {
        foreach (var node in pipeline.Nodes)
        {
            var inputs = node.Inputs.Distinct().ToDictionary(name => name, name => data[name]);
            foreach (var (name, value) in node.Run(inputs))
            {
                data[name] = value;
            }
        }

        return data;
    }

    [Fact]
    public void Constructor_WithInputAndOutputMaps_RenamesKeepingShapes()
    {
        var mapped = new Pipeline(
            Raw(),
            inputs: new Dictionary<string, string> { ["A"] = "A_new", ["D"] = "D_new", ["H"] = "H_new" },
            outputs: new Dictionary<string, string> { ["B"] = "B_new", ["E"] = "E_new", ["L"] = "L_new" });

        Assert.Equal(["A_new"], Find(mapped, "node1").Inputs);
        Assert.Equal(["B_new"], Find(mapped, "node1").Outputs);
        Assert.Equal(["C", "D_new"], Find(mapped, "node2").Inputs);
        Assert.Equal(["E_new", "F"], Find(mapped, "node2").Outputs);
        Assert.Equal(["H_new", "J"], Find(mapped, "node3").Inputs);
        Assert.Equal(["L_new"], Find(mapped, "node3").Outputs);
        Assert.True(Find(mapped, "node3").DeclaredInputs.IsDictionary);
    }

    [Fact]
    public void Constructor_WithNamespace_PrefixesEveryDatasetAndNodeName()
    {
        var mapped = new Pipeline(Raw(), @namespace: "PREFIX");

        Assert.Equal(["PREFIX.A"], Find(mapped, "PREFIX.node1").Inputs);
        Assert.Equal(["PREFIX.B"], Find(mapped, "PREFIX.node1").Outputs);
        Assert.Equal(["PREFIX.C", "PREFIX.D"], Find(mapped, "PREFIX.node2").Inputs);
        Assert.Equal(["PREFIX.E", "PREFIX.F"], Find(mapped, "PREFIX.node2").Outputs);
        Assert.Equal(["PREFIX.H", "PREFIX.J"], Find(mapped, "PREFIX.node3").Inputs);
        Assert.Equal(["PREFIX.L"], Find(mapped, "PREFIX.node3").Outputs);
        Assert.All(mapped.Nodes, node => Assert.Equal("PREFIX", node.Namespace));
    }

    [Fact]
    public void Constructor_WithoutDatasetPrefixing_OnlyNamespacesNodes()
    {
        var raw = Raw();

        var mapped = new Pipeline(raw, @namespace: "PREFIX", prefixDatasetsWithNamespace: false);

        Assert.Equal(raw.Datasets(), mapped.Datasets());
        Assert.Equal(["PREFIX.node1", "PREFIX.node2", "PREFIX.node3"], mapped.Nodes.Select(node => node.Name).Order());
    }

    [Fact]
    public void Constructor_WithNamespaceAndMaps_MapsNamedAndPrefixesTheRest()
    {
        var raw = new Pipeline([Node.Create((object c, object d) => (c, d), ["C", "D"], ["E", "F"], name: "node")]);

        var mapped = new Pipeline(raw, @namespace: "PREFIX",
            inputs: new Dictionary<string, string> { ["C"] = "C_new" },
            outputs: new Dictionary<string, string> { ["E"] = "E_new" });

        var node = Assert.Single(mapped.Nodes);
        Assert.Equal(["C_new", "PREFIX.D"], node.Inputs);
        Assert.Equal(["E_new", "PREFIX.F"], node.Outputs);
    }

    [Fact]
    public void Constructor_WithExposedInputsAndOutputs_LeavesThemUnprefixed()
    {
        var raw = new Pipeline(
        [
            Node.Create(Identity, "A", "B", name: "node1"),
            Node.Create(Identity, "B", "C", name: "node2"),
            Node.Create(Identity, "C", "D", name: "node3"),
        ]);

        foreach (var inputs in new DatasetNames[] { "A", new[] { "A" }, new List<string> { "A" }, new Dictionary<string, string> { ["A"] = "A" } })
        {
            var mapped = new Pipeline(raw, inputs: inputs, outputs: "D", @namespace: "PREFIX");

            Assert.Equal(["A"], Find(mapped, "PREFIX.node1").Inputs);
            Assert.Equal(["PREFIX.B"], Find(mapped, "PREFIX.node1").Outputs);
            Assert.Equal(["PREFIX.B"], Find(mapped, "PREFIX.node2").Inputs);
            Assert.Equal(["PREFIX.C"], Find(mapped, "PREFIX.node2").Outputs);
            Assert.Equal(["D"], Find(mapped, "PREFIX.node3").Outputs);
        }
    }

    [Fact]
    public void Constructor_WithNamespace_PrefixesParametersButNotAllParameters()
    {
        var raw = new Pipeline(
        [
            Node.Create(Identity, "parameters", "params:B", name: "node1"),
            Node.Create((object c, object d) => (c, d), ["params:C", "D"], ["parameters", "F"], name: "node2"),
            Node.Create((object input1, object input2) => new Dictionary<string, object?> { ["K"] = input1 },
                new Dictionary<string, string> { ["input1"] = "params:H", ["input2"] = "parameters" },
                new Dictionary<string, string> { ["K"] = "L" }, name: "node3"),
        ]);

        var mapped = new Pipeline(raw, @namespace: "PREFIX");

        Assert.Equal(["parameters"], Find(mapped, "PREFIX.node1").Inputs);
        Assert.Equal(["params:PREFIX.B"], Find(mapped, "PREFIX.node1").Outputs);
        Assert.Equal(["params:PREFIX.C", "PREFIX.D"], Find(mapped, "PREFIX.node2").Inputs);
        Assert.Equal(["parameters", "PREFIX.F"], Find(mapped, "PREFIX.node2").Outputs);
        Assert.Equal(["params:PREFIX.H", "parameters"], Find(mapped, "PREFIX.node3").Inputs);
    }

    [Fact]
    public void Constructor_WithTranscodedNames_MapsTheBaseOrTheExactName()
    {
        var raw = new Pipeline([Node.Create((object c, object d) => (c, d), ["C@pandas", "D"], ["E@spark", "F"], name: "node")]);
        var twoFormats = new Pipeline(
        [
            Node.Create(Identity, "A@pandas", "B", name: "node1"),
            Node.Create(Identity, "A@spark", "C", name: "node2"),
        ]);

        var mapped = new Pipeline(raw, @namespace: "PREFIX", inputs: new Dictionary<string, string> { ["C"] = "C_new" });
        var exact = new Pipeline(twoFormats, @namespace: "PREFIX", inputs: new Dictionary<string, string> { ["A@pandas"] = "Alpha" });

        Assert.Equal(["C_new@pandas", "PREFIX.D"], mapped.Nodes[0].Inputs);
        Assert.Equal(["PREFIX.E@spark", "PREFIX.F"], mapped.Nodes[0].Outputs);
        Assert.Equal(["Alpha"], Find(exact, "PREFIX.node1").Inputs);
        Assert.Equal(["PREFIX.A@spark"], Find(exact, "PREFIX.node2").Inputs);
    }

    [Fact]
    public void Constructor_WithNodesWithoutInputsOrOutputs_KeepsThemEmpty()
    {
        var source = new Pipeline([Node.Create(() => (1, 2), null, ["A", "B"], name: "source")]);
        var sink = new Pipeline([Node.Create((object a, object b) => { }, ["A", "B"], null, name: "sink")]);

        var mappedSource = new Pipeline(source, @namespace: "PREFIX", outputs: new Dictionary<string, string> { ["A"] = "A_new" });
        var mappedSink = new Pipeline(sink, @namespace: "PREFIX", inputs: new Dictionary<string, string> { ["A"] = "A_new" });

        Assert.Empty(mappedSource.Nodes[0].Inputs);
        Assert.True(mappedSource.Nodes[0].DeclaredInputs.IsNone);
        Assert.Equal(["A_new", "PREFIX.B"], mappedSource.Nodes[0].Outputs);
        Assert.Equal(["A_new", "PREFIX.B"], mappedSink.Nodes[0].Inputs);
        Assert.Empty(mappedSink.Nodes[0].Outputs);
    }

    [Fact]
    public void Constructor_WithNamespace_PrefixesConfirms()
    {
        var raw = new Pipeline([Node.Create(Identity, "input_data", "output", name: "node", confirms: "input_data")]);

        var mapped = new Pipeline(raw, @namespace: "ns");

        Assert.Equal(["ns.input_data"], mapped.Nodes[0].Confirms);
    }

    [Fact]
    public void Constructor_WhenMappedNamesDoNotExist_ThrowsWithoutSuggestion()
    {
        var raw = new Pipeline([Node.Create(Identity, "A", "OUT", name: "node")]);

        var error = Assert.Throws<PipelineException>(() => new Pipeline(raw,
            inputs: new Dictionary<string, string> { ["A"] = "A_new", ["B"] = "C", ["D"] = "E" }));

        Assert.Equal(
            "Failed to map datasets and/or parameters onto the nodes provided: The following datasets and/or parameters do not exist in the pipeline: B, D.",
            error.Message);
    }

    [Fact]
    public void Constructor_WhenMappedNameIsClose_SuggestsExistingNames()
    {
        var one = new Pipeline([Node.Create(Identity, "IN", "OUT", name: "node")]);
        var two = new Pipeline([Node.Create(PipelineFixtures.Biconcat, ["IN1", "IN2"], "OUT", name: "node")]);

        var input = Assert.Throws<PipelineException>(() => new Pipeline(one, inputs: new Dictionary<string, string> { ["I"] = "in" }));
        var inputs = Assert.Throws<PipelineException>(() => new Pipeline(two, inputs: new Dictionary<string, string> { ["IN"] = "input" }));
        var output = Assert.Throws<PipelineException>(() => new Pipeline(one, outputs: new Dictionary<string, string> { ["OUT_"] = "output" }));

        Assert.Equal("Failed to map datasets and/or parameters onto the nodes provided: I does not exist in the pipeline. - did you mean one of these instead: IN", input.Message);
        Assert.EndsWith(" - did you mean one of these instead: IN2, IN1", inputs.Message, StringComparison.Ordinal);
        Assert.EndsWith(" - did you mean one of these instead: OUT", output.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WithNamespace_PreservesNodeNamesAndTagsAndNestsNamespaces()
    {
        var raw = new Pipeline(
        [
            Node.Create(Identity, "A", "B", name: "node1", tags: ["tag1"]),
            Node.Create(Identity, "B", "C"),
        ]);

        var once = new Pipeline(raw, @namespace: "PREFIX");
        var twice = new Pipeline(once, @namespace: "PRE");

        Assert.Equal(PipelineFixtures.Set("tag1"), Find(once, "PREFIX.node1").Tags);
        var unnamed = once.Nodes.Single(node => node.Name != "PREFIX.node1");
        Assert.StartsWith("PREFIX.", unnamed.Name, StringComparison.Ordinal);
        Assert.Equal("PREFIX", unnamed.Namespace);
        Assert.All(twice.Nodes, node => Assert.StartsWith("PRE.PREFIX.", node.Name, StringComparison.Ordinal));
        Assert.All(twice.Nodes, node => Assert.Equal("PRE.PREFIX", node.Namespace));
    }

    [Fact]
    public void Constructor_WhenExposingAnIntermediate_RenamesProducerAndConsumer()
    {
        var raw = new Pipeline(
        [
            Node.Create(Identity, "A", "B", name: "node1"),
            Node.Create(Identity, "B", "C", name: "node2"),
            Node.Create(Identity, "C", "D", name: "node3"),
            Node.Create(PipelineFixtures.Biconcat, ["D", "params:x"], "X", name: "node4"),
        ]);

        var mapped = new Pipeline(raw, outputs: new Dictionary<string, string> { ["B"] = "B_new" }, @namespace: "ACTUAL");

        Assert.Equal(["ACTUAL.A"], Find(mapped, "ACTUAL.node1").Inputs);
        Assert.Equal(["B_new"], Find(mapped, "ACTUAL.node1").Outputs);
        Assert.Equal(["B_new"], Find(mapped, "ACTUAL.node2").Inputs);
        Assert.Equal(["ACTUAL.C"], Find(mapped, "ACTUAL.node2").Outputs);
        Assert.Equal(["ACTUAL.D", "params:ACTUAL.x"], Find(mapped, "ACTUAL.node4").Inputs);
        Assert.Equal(["ACTUAL.X"], Find(mapped, "ACTUAL.node4").Outputs);
    }

    [Fact]
    public void Constructor_WithParametersKept_LeavesThemUnprefixed()
    {
        var raw = new Pipeline([Node.Create(PipelineFixtures.Triconcat, ["A", "params:x", "params:y"], "AA", name: "node")]);

        foreach (var parameters in new DatasetNames[]
        {
            "x", "params:x", new[] { "params:x" }, new Dictionary<string, string> { ["params:x"] = "params:x" },
        })
        {
            var mapped = new Pipeline(raw, parameters: parameters, outputs: new Dictionary<string, string> { ["AA"] = "B" }, @namespace: "PREFIX");

            Assert.Equal(["PREFIX.A", "params:x", "params:PREFIX.y"], mapped.Nodes[0].Inputs);
            Assert.Equal(["B"], mapped.Nodes[0].Outputs);
        }
    }

    [Fact]
    public void Constructor_WithParameterRenamed_RenamesEveryUse()
    {
        var raw = new Pipeline(
        [
            Node.Create(PipelineFixtures.Biconcat, ["A", "params:x"], "AA", name: "node1"),
            Node.Create(PipelineFixtures.Biconcat, ["AA", "params:y"], "B", name: "node2"),
            Node.Create(PipelineFixtures.Biconcat, ["B", "params:x"], "BB", name: "node3"),
        ]);

        var mapped = new Pipeline(raw, parameters: new Dictionary<string, string> { ["x"] = "X" },
            outputs: new Dictionary<string, string> { ["B"] = "B_new" }, @namespace: "ACTUAL");

        Assert.Equal(["ACTUAL.A", "params:X"], Find(mapped, "ACTUAL.node1").Inputs);
        Assert.Equal(["ACTUAL.AA", "params:ACTUAL.y"], Find(mapped, "ACTUAL.node2").Inputs);
        Assert.Equal(["B_new"], Find(mapped, "ACTUAL.node2").Outputs);
        Assert.Equal(["B_new", "params:X"], Find(mapped, "ACTUAL.node3").Inputs);
    }

    [Fact]
    public void Constructor_WhenParametersGivenAsInputs_Throws()
    {
        var raw = new Pipeline([Node.Create(PipelineFixtures.Triconcat, ["A", "params:alpha", "parameters"], "AA", name: "node")]);

        var param = Assert.Throws<PipelineException>(() => new Pipeline(raw, inputs: new Dictionary<string, string> { ["params:alpha"] = "params:beta" }));
        var all = Assert.Throws<PipelineException>(() => new Pipeline(raw, inputs: new Dictionary<string, string> { ["parameters"] = "x" }));

        Assert.Equal("Parameters should be specified in the 'parameters' argument", param.Message);
        Assert.Equal("Parameters should be specified in the 'parameters' argument", all.Message);
    }

    [Fact]
    public void Constructor_WhenParametersDoNotExist_Throws()
    {
        var raw = new Pipeline([Node.Create(PipelineFixtures.Biconcat, ["A", "params:alpha"], "AA", name: "node")]);
        var options = new Pipeline(
        [
            Node.Create(PipelineFixtures.Biconcat, ["A", "params:model_options"], "AA", name: "node1"),
            Node.Create(Identity, "AA", "BB", name: "node2"),
        ]);

        var beta = Assert.Throws<PipelineException>(() => new Pipeline(raw, parameters: new Dictionary<string, string> { ["beta"] = "gamma" }));
        var all = Assert.Throws<PipelineException>(() => new Pipeline(raw, parameters: new Dictionary<string, string> { ["parameters"] = "x" }));
        var close = Assert.Throws<PipelineException>(() => new Pipeline(options, parameters: new Dictionary<string, string> { ["params:model_options_1"] = "params:x" }));

        // difflib finds 'params:alpha' close enough to 'params:beta' (ratio 0.70), so Kedro suggests it too.
        Assert.Equal(
            "Failed to map datasets and/or parameters onto the nodes provided: params:beta does not exist in the pipeline. - did you mean one of these instead: params:alpha",
            beta.Message);
        Assert.Equal("Failed to map datasets and/or parameters onto the nodes provided: parameters does not exist in the pipeline.", all.Message);
        Assert.Contains("params:model_options_1 does not exist in the pipeline", close.Message, StringComparison.Ordinal);
        Assert.EndsWith("did you mean one of these instead: params:model_options", close.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WhenMappingAnIntermediateAsInput_Throws()
    {
        var raw = new Pipeline(
        [
            Node.Create(Identity, "A", "AA", name: "node1"),
            Node.Create(Identity, "AA", "B", name: "node2"),
        ]);

        var error = Assert.Throws<PipelineException>(() => new Pipeline(raw, inputs: new Dictionary<string, string> { ["AA"] = "CC" }));

        Assert.Equal("Inputs must not be outputs from another node in the same pipeline", error.Message);
    }

    [Fact]
    public void Constructor_WhenMappingAFreeInputAsOutput_Throws()
    {
        var raw = new Pipeline([Node.Create(Identity, "A", "B", name: "node1")]);

        var error = Assert.Throws<PipelineException>(() => new Pipeline(raw, outputs: new Dictionary<string, string> { ["A"] = "C" }));

        Assert.Equal("All outputs must be generated by some node within the pipeline", error.Message);
    }

    private static string Defrost(string meat) => meat + "_defrosted";

    private static string Grill(string meat) => meat + "_grilled";

    private static string Eat(string food) => food + "_done";

    private static Pipeline Cook() => new(
    [
        Node.Create(Defrost, "frozen_meat", "meat", name: "defrost"),
        Node.Create(Grill, "meat", "grilled_meat", name: "grill"),
    ]);

    private static Pipeline Lunch() => new([Node.Create(Eat, "food", "output", name: "eat")]);

    [Fact]
    public void Constructor_WhenConnectingPipelinesByRenaming_RunsEndToEnd()
    {
        var renameCook = new Pipeline(Cook(), outputs: new Dictionary<string, string> { ["grilled_meat"] = "food" }) + Lunch();
        var renameLunch = Cook() + new Pipeline(Lunch(), inputs: new Dictionary<string, string> { ["food"] = "grilled_meat" });
        var renameBoth = new Pipeline(Cook(), outputs: new Dictionary<string, string> { ["grilled_meat"] = "NEW_NAME" })
            + new Pipeline(Lunch(), inputs: new Dictionary<string, string> { ["food"] = "NEW_NAME" });

        foreach (var pipeline in new[] { renameCook, renameLunch, renameBoth })
        {
            var data = RunAll(pipeline, new Dictionary<string, object?> { ["frozen_meat"] = "frozen_meat_data" });

            Assert.Equal("frozen_meat_data_defrosted_grilled_done", data["output"]);
        }
    }

    [Fact]
    public void Constructor_WhenReusingAPipelineUnderTwoNamespaces_KeepsThemApart()
    {
        var breakfast = new Pipeline(Cook(), @namespace: "breakfast", outputs: new Dictionary<string, string> { ["grilled_meat"] = "breakfast_food" });
        var lunch = new Pipeline(Cook(), @namespace: "lunch", outputs: new Dictionary<string, string> { ["grilled_meat"] = "lunch_grilled_meat" });
        var eatBreakfast = new Pipeline(Lunch(), inputs: new Dictionary<string, string> { ["food"] = "breakfast_food" },
            outputs: new Dictionary<string, string> { ["output"] = "breakfast_output" }, @namespace: "eat_breakfast");
        var eatLunch = new Pipeline(Lunch(), inputs: new Dictionary<string, string> { ["food"] = "lunch_grilled_meat" },
            outputs: new Dictionary<string, string> { ["output"] = "lunch_output" }, @namespace: "eat_lunch");

        var all = breakfast + lunch + eatBreakfast + eatLunch;
        var data = RunAll(all, new Dictionary<string, object?>
        {
            ["breakfast.frozen_meat"] = "breakfast_frozen_meat",
            ["lunch.frozen_meat"] = "lunch_frozen_meat",
        });

        Assert.Equal("breakfast_frozen_meat_defrosted_grilled_done", data["breakfast_output"]);
        Assert.Equal("lunch_frozen_meat_defrosted_grilled_done", data["lunch_output"]);
        Assert.Equal(PipelineFixtures.Set("breakfast.frozen_meat", "lunch.frozen_meat"), all.Inputs());
    }
}

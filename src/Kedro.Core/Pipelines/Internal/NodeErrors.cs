
namespace Kedro.Pipelines.Internal;

/// <summary>Creates the exceptions of nodes with Kedro's messages, in one place so the wording stays consistent.</summary>
internal static class NodeErrors
{
    private const string FormatSuffix = "\nFormat should be: node(function, inputs, outputs)";

    public const string DottedNames =
        "One or more dataset names contain '.' characters, which is not recommended as the dot notation is reserved for automatic namespacing in Kedro. Consider using a different naming convention.";

    public static ArgumentException InvalidDefinition(string detail) => new("Invalid Node definition: " + detail + FormatSuffix);

    public static ArgumentException NotAFunction(string typeName) =>
        InvalidDefinition($"first argument must be a function, not '{typeName}'.");

    public static ArgumentException ParameterByReference(string name) =>
        InvalidDefinition($"the function parameter '{name}' is passed by reference or by pointer, which a node cannot bind.");

    public static ArgumentException InvalidName(string name) =>
        new($"'{name}' is not a valid node name. It must contain only letters, digits, hyphens, underscores and/or fullstops.");

    public static ArgumentException InvalidTag(string? tag) =>
        new($"'{tag ?? "None"}' is not a valid node tag. It must contain only letters, digits, hyphens, underscores and/or fullstops.");

    public static ArgumentException NotAString(string role, DatasetNames names, string? item) =>
        InvalidDefinition($"names of variables used as {role} the function must be of 'String' type, but {PythonLiterals.Repr(item)} from {names} is '{(item is null ? "NoneType" : "str")}'.");

    public static ArgumentException NoInputsOrOutputs() => InvalidDefinition("it must have some 'inputs' or 'outputs'.");

    public static ArgumentException SignatureMismatch(string funcName, IEnumerable<string> parameters, DatasetNames inputs) =>
        new($"Inputs of '{funcName}' function expected {PythonLiterals.List(parameters)}, but got {inputs}");

    public static ArgumentException DuplicateOutputs(Node node, IEnumerable<string> duplicates) =>
        new($"Failed to create node {node} due to duplicate output(s) {PythonLiterals.Set(duplicates)}.\nNode outputs must be unique.");

    public static ArgumentException SameInputsAndOutputs(Node node, IEnumerable<string> common) =>
        new($"Failed to create node {node}.\nA node cannot have the same inputs and outputs even if they are transcoded: {PythonLiterals.Set(common)}");

    public static ArgumentException ExpectedNoInputs(Node node, IReadOnlyCollection<string> got) =>
        new($"Node {node} expected no inputs, but got the following {got.Count} input(s) instead: {PythonLiterals.SortedList(got)}.");

    public static ArgumentException ExpectedOneInput(Node node, string name, IReadOnlyCollection<string> got) =>
        new($"Node {node} expected one input named '{name}', but got the following {got.Count} input(s) instead: {PythonLiterals.SortedList(got)}.");

    /// <param name="node">The node.</param>
    /// <param name="expected">The inputs the node expects.</param>
    /// <param name="inOrder">Whether <paramref name="expected"/> is a list (printed in order) rather than a mapping (printed sorted).</param>
    /// <param name="got">The inputs it was given.</param>
    public static ArgumentException ExpectedInputs(Node node, IReadOnlyCollection<string> expected, bool inOrder, IReadOnlyCollection<string> got) =>
        new($"Node {node} expected {expected.Count} input(s) {(inOrder ? PythonLiterals.List(expected) : PythonLiterals.SortedList(expected))}, "
            + $"but got the following {got.Count} input(s) instead: {PythonLiterals.SortedList(got)}.");

    public static InvalidOperationException OutputNotDictionary(Node node, object? result) =>
        new($"Failed to save outputs of node {node}.\nThe node output is a dictionary, whereas the function output is {PythonClass(result)}.");

    public static InvalidOperationException OutputKeysMismatch(Node node, IEnumerable<string> returned, IEnumerable<string> declared) =>
        new($"Failed to save outputs of node {node}.\nThe node's output keys {PythonLiterals.Set(returned)} do not match with the returned output's keys {PythonLiterals.Set(declared)}.");

    public static InvalidOperationException OutputNotList(Node node, object? result) =>
        new($"Failed to save outputs of node {node}.\nThe node definition contains a list of outputs {PythonLiterals.List(node.Outputs)}, whereas the node function returned a '{TypeNames.OfValue(result)}'.");

    public static InvalidOperationException OutputCountMismatch(Node node, int returned, int declared) =>
        new($"Failed to save outputs of node {node}.\nThe node function returned {returned} output(s), whereas the node definition contains {declared} output(s).");

    public static InvalidOperationException RunStreamingNode(Node node) =>
        new($"Node {node} streams its outputs: run it with RunStreamingAsync.");

    public static InvalidOperationException StreamNonStreamingNode(Node node) =>
        new($"Node {node} does not stream its outputs: run it with RunAsync.");

    /// <summary>The warning logged when a node without outputs returns a value.</summary>
    public static string ReturnValueIgnored(string name, object result) =>
        $"Node '{name}' returned a value of type '{TypeNames.OfValue(result)}', but the node is defined with outputs=None. Kedro ignores return values for nodes without declared outputs. If this return value is intentional, declare outputs in the node definition to include it in the pipeline.";

    private static string PythonClass(object? value) => "<class '" + TypeNames.OfValue(value) + "'>";
}

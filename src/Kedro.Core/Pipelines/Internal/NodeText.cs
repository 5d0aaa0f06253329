using System.Text;

namespace Kedro.Pipelines.Internal;

/// <summary>Python-literal rendering and Kedro's node messages, built in one place.</summary>
internal static class NodeText
{
    private const string FormatSuffix = "\nFormat should be: node(function, inputs, outputs)";

    public static string Str(string? value)
    {
        if (value is null)
        {
            return "None";
        }

        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var c in value)
        {
            if (c == '\\' || c == quote)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append(quote).ToString();
    }

    public static string List(IEnumerable<string?> values) => "[" + string.Join(", ", values.Select(Str)) + "]";

    public static string SortedList(IEnumerable<string> values) =>
        List(values.Order(StringComparer.Ordinal));

    public static string Set(IEnumerable<string> values) =>
        "{" + string.Join(", ", values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(Str)) + "}";

    public static string Dictionary(IEnumerable<KeyValuePair<string, string>> entries) =>
        "{" + string.Join(", ", entries.Select(pair => Str(pair.Key) + ": " + Str(pair.Value))) + "}";

    /// <summary>A readable C#-like type name: <c>int</c>, <c>string</c>, <c>Dictionary&lt;string, object&gt;</c>.</summary>
    public static string TypeName(Type? type)
    {
        if (type is null)
        {
            return "null";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()) + "[]";
        }

        var keyword = Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.Char => "char",
            TypeCode.Decimal => "decimal",
            TypeCode.Double => "double",
            TypeCode.Int16 => "short",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.SByte => "sbyte",
            TypeCode.Single => "float",
            TypeCode.String => "string",
            TypeCode.UInt16 => "ushort",
            TypeCode.UInt32 => "uint",
            TypeCode.UInt64 => "ulong",
            _ => type == typeof(object) ? "object" : null,
        };
        if (keyword is not null && !type.IsEnum)
        {
            return keyword;
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
    }

    public static string PythonClass(object? value) => "<class '" + TypeName(value?.GetType()) + "'>";

    public static string InvalidDefinition(string detail) => "Invalid Node definition: " + detail + FormatSuffix;

    public static string InvalidName(string name) =>
        $"'{name}' is not a valid node name. It must contain only letters, digits, hyphens, underscores and/or fullstops.";

    public static string InvalidTag(string tag) =>
        $"'{tag}' is not a valid node tag. It must contain only letters, digits, hyphens, underscores and/or fullstops.";

    public static string NotAString(string role, DatasetNames names, string? item) =>
        InvalidDefinition($"names of variables used as {role} the function must be of 'String' type, but {Str(item)} from {names} is '{(item is null ? "NoneType" : "str")}'.");

    public static string NoInputsOrOutputs() => InvalidDefinition("it must have some 'inputs' or 'outputs'.");

    public static string SignatureMismatch(string funcName, IEnumerable<string> parameters, DatasetNames inputs) =>
        $"Inputs of '{funcName}' function expected {List(parameters)}, but got {inputs}";

    public static string DuplicateOutputs(Node node, IEnumerable<string> duplicates) =>
        $"Failed to create node {node} due to duplicate output(s) {Set(duplicates)}.\nNode outputs must be unique.";

    public static string SameInputsAndOutputs(Node node, IEnumerable<string> common) =>
        $"Failed to create node {node}.\nA node cannot have the same inputs and outputs even if they are transcoded: {Set(common)}";

    public static string ExpectedNoInputs(Node node, IReadOnlyCollection<string> got) =>
        $"Node {node} expected no inputs, but got the following {got.Count} input(s) instead: {SortedList(got)}.";

    public static string ExpectedOneInput(Node node, string name, IReadOnlyCollection<string> got) =>
        $"Node {node} expected one input named '{name}', but got the following {got.Count} input(s) instead: {SortedList(got)}.";

    public static string ExpectedInputs(Node node, int count, string expected, IReadOnlyCollection<string> got) =>
        $"Node {node} expected {count} input(s) {expected}, but got the following {got.Count} input(s) instead: {SortedList(got)}.";

    public static string OutputNotDictionary(Node node, object? result) =>
        $"Failed to save outputs of node {node}.\nThe node output is a dictionary, whereas the function output is {PythonClass(result)}.";

    public static string OutputKeysMismatch(Node node, IEnumerable<string> returned, IEnumerable<string> declared) =>
        $"Failed to save outputs of node {node}.\nThe node's output keys {Set(returned)} do not match with the returned output's keys {Set(declared)}.";

    public static string OutputNotList(Node node, object? result) =>
        $"Failed to save outputs of node {node}.\nThe node definition contains a list of outputs {List(node.Outputs)}, whereas the node function returned a '{TypeName(result?.GetType())}'.";

    public static string OutputCountMismatch(Node node, int returned, int declared) =>
        $"Failed to save outputs of node {node}.\nThe node function returned {returned} output(s), whereas the node definition contains {declared} output(s).";

    public static string ReturnValueIgnored(string name, object result) =>
        $"Node '{name}' returned a value of type '{TypeName(result.GetType())}', but the node is defined with outputs=None. Kedro ignores return values for nodes without declared outputs. If this return value is intentional, declare outputs in the node definition to include it in the pipeline.";

    public const string DottedNames =
        "One or more dataset names contain '.' characters, which is not recommended as the dot notation is reserved for automatic namespacing in Kedro. Consider using a different naming convention.";
}

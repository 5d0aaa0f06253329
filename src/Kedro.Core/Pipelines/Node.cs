using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Kedro.Pipelines.Internal;

namespace Kedro.Pipelines;

/// <summary>
/// A node: a function wired to dataset names, Kedro's <c>Node</c>. Immutable and validated when created.
/// </summary>
/// <remarks>
/// <para>
/// The function may be any delegate: a method group, a lambda, a local function. Inputs bind by position
/// (a single name or a list; a trailing <c>params</c> array takes the rest) or by parameter name (a dictionary),
/// and parameters with default values may be left out. A <see cref="CancellationToken"/> parameter is not an
/// input: it receives the run's token.
/// </para>
/// <para>
/// The result fills the outputs: a single output takes the value; a list of outputs takes a
/// <see cref="ValueTuple"/> (any arity), an array or a list, item by item; a dictionary of outputs takes an
/// <see cref="System.Collections.IDictionary"/> by key. <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// <see cref="ValueTask"/> and <see cref="ValueTask{TResult}"/> results are awaited. An iterator method
/// (<c>yield return</c>) or a function returning <see cref="IAsyncEnumerable{T}"/> is a streaming node
/// (Kedro's generator node): each item is mapped to the outputs and saved as one chunk.
/// </para>
/// <para>
/// An unnamed node is named <c>{func}__{8 hex}</c>, the hex being the start of the SHA-256 of
/// <c>"{declaring type}.{func}|{inputs}|{outputs}"</c> (Kedro hashes the same material with the Python
/// module). <c>{func}</c> is the method or local-function name; lambdas are <c>&lt;lambda&gt;</c> as in Kedro.
/// </para>
/// </remarks>
public sealed partial class Node : IEquatable<Node>
{
    private readonly NodeFunction _function;
    private readonly NodeBinding _binding;
    private readonly DatasetNames _rawInputs;
    private readonly DatasetNames _rawOutputs;
    private readonly DatasetNames _rawConfirms;
    private readonly string? _givenName;
    private readonly string[] _outputs;
    private readonly string _text;
    private readonly int _hashCode;

    private Node(Delegate func, NodeFunction function, NodeBinding binding, DatasetNames inputs, DatasetNames outputs,
        DatasetNames confirms, string? name, HashSet<string> tags, string? @namespace)
    {
        Func = func;
        _function = function;
        _binding = binding;
        _rawInputs = inputs;
        _rawOutputs = outputs;
        _rawConfirms = confirms;
        _givenName = name;
        Namespace = @namespace;
        Tags = new ReadOnlySet<string>(tags);
        Inputs = Array.AsReadOnly(binding.Inputs);
        _outputs = [.. outputs.Names];
        Outputs = Array.AsReadOnly(_outputs);
        Confirms = Array.AsReadOnly(confirms.Names.ToArray());

        var inputText = Inputs.Count > 0 ? "[" + string.Join(';', Inputs) + "]" : "None";
        var outputText = Outputs.Count > 0 ? "[" + string.Join(';', Outputs) + "]" : "None";
        _text = (name is null ? string.Empty : name + ": ") + function.FuncName + "(" + inputText + ") -> " + outputText;

        var local = name ?? function.FuncName + "__" + Hash(function, Inputs, Outputs);
        Name = @namespace is null ? local : @namespace + "." + local;
        ShortName = name ?? TitleCase(function.FuncName);
        _hashCode = HashCode.Combine(StringComparer.Ordinal.GetHashCode(Name), inputs, outputs);
    }

    /// <summary>The node's function.</summary>
    public Delegate Func { get; }

    /// <summary>The node's full name: <c>"{namespace}.{name}"</c> when namespaced; an unnamed node gets <c>{func}__{8 hex}</c>.</summary>
    public string Name { get; }

    /// <summary>The given name without namespace, or the function name in title case (<c>identity</c> → <c>Identity</c>).</summary>
    public string ShortName { get; }

    /// <summary>The node's namespace (dotted), or <see langword="null"/>.</summary>
    public string? Namespace { get; }

    /// <summary>Kedro's <c>namespace_prefixes</c>: for <c>a.b.c</c>, <c>["a", "a.b", "a.b.c"]</c>.</summary>
    public IReadOnlyList<string> NamespacePrefixes
    {
        get
        {
            if (Namespace is null)
            {
                return [];
            }

            var parts = Namespace.Split('.');
            var prefixes = new string[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                prefixes[i] = string.Join('.', parts, 0, i + 1);
            }

            return prefixes;
        }
    }

    /// <summary>The input dataset names (a dictionary's names ordered by the function's parameters; duplicates kept).</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The output dataset names (a dictionary's names in its order).</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Datasets confirmed after the node succeeds.</summary>
    public IReadOnlyList<string> Confirms { get; }

    /// <summary>The node's tags.</summary>
    public IReadOnlySet<string> Tags { get; }

    /// <summary>Whether the function is an iterator or async stream (Kedro's generator node).</summary>
    internal bool IsStreaming => _function.IsStreaming;

    /// <summary>
    /// The inputs as declared: one name, a list, or a mapping of parameter names to dataset names (Kedro's
    /// <c>node._inputs</c>); with <see cref="DeclaredOutputs"/> and <see cref="Create"/> a node can be re-created elsewhere.
    /// </summary>
    public DatasetNames DeclaredInputs => _rawInputs;

    /// <summary>The outputs as declared: none, one name, a list, or a mapping of keys to dataset names (Kedro's <c>node._outputs</c>).</summary>
    public DatasetNames DeclaredOutputs => _rawOutputs;

    /// <summary>The readable function name used in <see cref="ToString"/> (Kedro's <c>func_name</c>).</summary>
    internal string FuncName => _function.FuncName;

    /// <summary>
    /// Creates a node (Kedro's <c>node(func, inputs, outputs, name=, tags=, confirms=, namespace=)</c>),
    /// validating it as Kedro does.
    /// </summary>
    /// <param name="func">The function to run.</param>
    /// <param name="inputs">None, a name, a list of names (bound by position) or a dictionary of parameter name to dataset name.</param>
    /// <param name="outputs">None, a name, a list of names or a dictionary of returned key to dataset name.</param>
    /// <param name="name">The node name (letters, digits, <c>_</c>, <c>.</c>, <c>-</c>); generated when omitted.</param>
    /// <param name="tags">Tags (same character rules).</param>
    /// <param name="confirms">Datasets to confirm after the node succeeds.</param>
    /// <param name="namespace">A dotted namespace; the name becomes <c>"{namespace}.{name}"</c>.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">The definition is invalid (Kedro's <c>ValueError</c>/<c>TypeError</c>); the message is Kedro's.</exception>
    public static Node Create(Delegate func, DatasetNames? inputs, DatasetNames? outputs, string? name = null,
        IEnumerable<string>? tags = null, DatasetNames? confirms = null, string? @namespace = null)
    {
        if (func is null)
        {
            throw NodeErrors.NotAFunction("NoneType");
        }

        return Build(func, NodeFunction.For(func), inputs ?? default, outputs ?? default, confirms ?? default, name,
            tags is null ? [] : [.. tags], @namespace);
    }

    /// <summary>A copy of this node with more tags (Kedro's <c>tag</c>).</summary>
    /// <param name="tags">The tags to add.</param>
    /// <returns>The tagged copy.</returns>
    public Node Tag(params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return Copy(extraTags: tags);
    }

    /// <summary>
    /// A copy with datasets renamed (shapes kept: dictionary inputs keep their parameter keys), the namespace
    /// replaced when <paramref name="namespace"/> is not null, and tags unioned. Validated like a new node.
    /// </summary>
    internal Node Copy(Func<string, string>? renameInput = null, Func<string, string>? renameOutput = null,
        Func<string, string>? renameConfirm = null, string? @namespace = null, IEnumerable<string>? extraTags = null)
    {
        var tags = new HashSet<string>(Tags, StringComparer.Ordinal);
        if (extraTags is not null)
        {
            tags.UnionWith(extraTags);
        }

        return Build(Func, _function,
            renameInput is null ? _rawInputs : _rawInputs.Rename(renameInput),
            renameOutput is null ? _rawOutputs : _rawOutputs.Rename(renameOutput),
            renameConfirm is null ? _rawConfirms : _rawConfirms.Rename(renameConfirm),
            _givenName, tags, @namespace ?? Namespace);
    }

    /// <summary>The .NET type of the parameter that input <paramref name="dataset"/> fills.</summary>
    /// <param name="dataset">One of <see cref="Inputs"/>.</param>
    /// <returns>The declared type; <see langword="null"/> when it is unknown or <see cref="object"/>.</returns>
    public Type? InputType(string dataset) => Known(_binding.InputType(dataset));

    /// <summary>The .NET type of the value the node returns for output <paramref name="dataset"/>.</summary>
    /// <param name="dataset">One of <see cref="Outputs"/>.</param>
    /// <returns>The declared type; <see langword="null"/> when it is unknown or <see cref="object"/>.</returns>
    public Type? OutputType(string dataset)
    {
        var index = Array.IndexOf(_outputs, dataset);
        var result = _function.ResultType;
        if (index < 0 || result is null)
        {
            return null;
        }

        if (_rawOutputs.IsSingle)
        {
            return Known(result);
        }

        if (_rawOutputs.IsList)
        {
            if (result.IsArray)
            {
                return Known(result.GetElementType());
            }

            var items = TupleItemTypes(result);
            if (items is not null)
            {
                return index < items.Count ? Known(items[index]) : null;
            }

            return Known(GenericArgumentOf(result, typeof(IList<>), 0) ?? GenericArgumentOf(result, typeof(IReadOnlyList<>), 0));
        }

        return Known(GenericArgumentOf(result, typeof(IDictionary<,>), 1) ?? GenericArgumentOf(result, typeof(IReadOnlyDictionary<,>), 1));
    }

    /// <summary>Kedro's <c>str(node)</c>: <c>"{name}: {func}([in1;in2]) -> [out]"</c> (the name only when given; no namespace).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _text;

    /// <summary>Kedro's equality: same full name, inputs and outputs as given (function and tags are ignored).</summary>
    /// <param name="other">The other node.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(Node? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (_hashCode == other._hashCode && string.Equals(Name, other.Name, StringComparison.Ordinal)
                && _rawInputs.Equals(other._rawInputs) && _rawOutputs.Equals(other._rawOutputs)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Node other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _hashCode;

    private static Node Build(Delegate func, NodeFunction function, DatasetNames inputs, DatasetNames outputs,
        DatasetNames confirms, string? name, HashSet<string> tags, string? @namespace)
    {
        CheckNames("inputs to", inputs, @namespace);
        CheckNames("outputs of", outputs, @namespace);
        if (inputs.IsEmpty && outputs.IsEmpty)
        {
            throw NodeErrors.NoInputsOrOutputs();
        }

        var binding = NodeBinding.Bind(function, inputs)
            ?? throw NodeErrors.SignatureMismatch(function.FuncName, function.Parameters.Select(p => p.Name), inputs);
        if (name is not null && !ValidName().IsMatch(name))
        {
            throw NodeErrors.InvalidName(name);
        }

        foreach (var tag in tags)
        {
            if (tag is null || !ValidName().IsMatch(tag))
            {
                throw NodeErrors.InvalidTag(tag);
            }
        }

        var node = new Node(func, function, binding, inputs, outputs, confirms, name, tags, @namespace);
        if (node._outputs.Length > 1)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var duplicates = node._outputs.Where(output => !seen.Add(output)).ToList();
            if (duplicates.Count > 0)
            {
                throw NodeErrors.DuplicateOutputs(node, duplicates);
            }
        }

        if (node.Inputs.Count > 0 && node._outputs.Length > 0)
        {
            var strippedInputs = new HashSet<string>(node.Inputs.Select(StripTranscoding), StringComparer.Ordinal);
            var common = node._outputs.Select(StripTranscoding).Where(strippedInputs.Contains).ToList();
            if (common.Count > 0)
            {
                throw NodeErrors.SameInputsAndOutputs(node, common);
            }
        }

        return node;
    }

    private static void CheckNames(string role, DatasetNames names, string? @namespace)
    {
        foreach (var item in names.Names)
        {
            if (item is null)
            {
                throw NodeErrors.NotAString(role, names, item);
            }

            if (NodeWarnings.NeedsDottedNameWarning(item, @namespace))
            {
                NodeWarnings.WarnDottedNamesOnce();
            }
        }

        foreach (var entry in names.Entries)
        {
            if (entry.Key is null)
            {
                throw NodeErrors.NotAString(role, names, entry.Key);
            }
        }
    }

    private static string StripTranscoding(string name)
    {
        var separators = name.Count(c => c == '@');
        if (separators > 1)
        {
            throw PipelineErrors.TooManyTranscodingSeparators(name, separators);
        }

        var at = name.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? name : name[..at];
    }

    private static string Hash(NodeFunction function, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        var material = function.Module + "." + function.FuncName + "|" + PythonLiterals.List(inputs) + "|" + PythonLiterals.List(outputs);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(material), digest);
        return Convert.ToHexStringLower(digest[..4]);
    }

    /// <summary>Kedro's <c>func_name.replace("_", " ").title()</c>, keeping the rest of each word as written.</summary>
    private static string TitleCase(string funcName)
    {
        var chars = funcName.Replace('_', ' ').ToCharArray();
        var previousIsLetter = false;
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsLetter(chars[i]) && !previousIsLetter)
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }

            previousIsLetter = char.IsLetter(chars[i]);
        }

        return new string(chars);
    }

    private static Type? Known(Type? type) => type is null || type == typeof(object) ? null : type;

    private static List<Type>? TupleItemTypes(Type type)
    {
        if (!type.IsGenericType || !type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
            && !type.FullName.StartsWith("System.Tuple`", StringComparison.Ordinal))
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        var items = new List<Type>(arguments.Length);
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i == 7)
            {
                items.AddRange(TupleItemTypes(arguments[i]) ?? [arguments[i]]);
            }
            else
            {
                items.Add(arguments[i]);
            }
        }

        return items;
    }

    private static Type? GenericArgumentOf(Type type, Type definition, int index)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
        {
            return type.GetGenericArguments()[index];
        }

        foreach (var implemented in type.GetInterfaces())
        {
            if (implemented.IsGenericType && implemented.GetGenericTypeDefinition() == definition)
            {
                return implemented.GetGenericArguments()[index];
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[\w.-]+$")]
    private static partial Regex ValidName();
}

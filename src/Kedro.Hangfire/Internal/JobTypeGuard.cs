namespace Kedro.Hangfire.Internal;

/// <summary>
/// The only types a Kedro.NET process lets Hangfire resolve from a job row: <see cref="NodeJob"/> and the types of its
/// entry point's parameters. Hangfire invokes whatever method a job names; with this resolver a row naming any other
/// type fails with a message instead of loading or running it.
/// </summary>
internal static class JobTypeGuard
{
    private static readonly Dictionary<string, Type> Allowed = Build();

    /// <summary>Resolves a type name Hangfire stored, or refuses.</summary>
    /// <exception cref="InvalidOperationException">The type is not one of the entry point's.</exception>
    public static Type Resolve(string typeName) => Allowed.TryGetValue(typeName, out var type)
        ? type
        : throw new InvalidOperationException(
            $"Refusing to resolve type '{typeName}': a Kedro.NET worker runs only {typeof(NodeJob).FullName}.{nameof(NodeJob.RunAsync)}.");

    private static Dictionary<string, Type> Build()
    {
        var allowed = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(NodeJob), typeof(string), typeof(CancellationToken) })
        {
            allowed[type.FullName!] = type;
            allowed[$"{type.FullName}, {type.Assembly.GetName().Name}"] = type;
            allowed[type.AssemblyQualifiedName!] = type;
        }

        // Hangfire's simple assembly names write the core library as 'mscorlib'.
        allowed["System.String, mscorlib"] = typeof(string);
        allowed["System.Threading.CancellationToken, mscorlib"] = typeof(CancellationToken);
        return allowed;
    }
}

namespace Kedro.Shared.Text;

/// <summary>
/// The one way Kedro.NET names a .NET type in a message: C# keywords for built-in types (<c>int</c>, <c>string</c>),
/// generic arguments in angle brackets (<c>List&lt;int&gt;</c>), <c>int[]</c>, <c>int?</c>, nested types with dots.
/// </summary>
/// <remarks>Compiled into every Kedro.NET assembly that writes messages (src/Shared/Text), so all of them agree.</remarks>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
        [typeof(string)] = "string",
        [typeof(object)] = "object",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
    };

    /// <summary>The type's name as a C# programmer writes it; <c>null</c> for no type (a null value).</summary>
    public static string Of(Type? type) => type is null ? "null" : Name(type, withNamespace: false);

    /// <summary>The name of a value's type, <c>null</c> for <see langword="null"/>.</summary>
    public static string OfValue(object? value) => Of(value?.GetType());

    /// <summary>The name with its namespace (<c>Kedro.IO.MemoryDataset</c>), as Kedro prints a class with its module.</summary>
    public static string Qualified(Type type) => Name(type, withNamespace: true);

    private static string Name(Type type, bool withNamespace)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!, withNamespace) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying, withNamespace) + "?";
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        var declaring = type.IsNested && !type.IsGenericParameter ? type.DeclaringType! : null;
        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            if (declaring is { IsGenericType: true })
            {
                // A nested type carries its declaring type's arguments first: Box<int>.Lid is Lid`[int].
                var inherited = declaring.GetGenericArguments().Length;
                if (!type.IsGenericTypeDefinition)
                {
                    declaring = declaring.MakeGenericType(arguments[..inherited]);
                }

                arguments = arguments[inherited..];
            }

            if (arguments.Length > 0)
            {
                name += "<" + string.Join(", ", arguments.Select(a => Name(a, withNamespace))) + ">";
            }
        }

        if (declaring is not null)
        {
            return Name(declaring, withNamespace) + "." + name;
        }

        return withNamespace && !string.IsNullOrEmpty(type.Namespace) && !type.IsGenericParameter
            ? type.Namespace + "." + name
            : name;
    }
}

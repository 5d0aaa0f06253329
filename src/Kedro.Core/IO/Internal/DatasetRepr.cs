using System.Text;

namespace Kedro.IO.Internal;

/// <summary>Prints datasets the way Kedro does: <c>Type(key=value, ...)</c> with Python-style literals.</summary>
internal static class DatasetRepr
{
    /// <summary>Kedro's <c>_pretty_repr</c>: <c>Type(k=v, ...)</c>, entries whose value is <see langword="null"/> left out.</summary>
    internal static string Format(Type datasetType, IReadOnlyDictionary<string, object?> description)
    {
        var builder = new StringBuilder(TypeNames.Qualified(datasetType)).Append('(');
        var first = true;
        foreach (var (key, value) in description)
        {
            if (value is null)
            {
                continue;
            }

            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(key).Append('=');
            if (value is DatasetVersion version)
            {
                builder.Append("Version(load=").Append(PythonLiterals.Repr(version.Load))
                    .Append(", save=").Append(PythonLiterals.Repr(version.Save)).Append(')');
            }
            else
            {
                PythonLiterals.Append(builder, value);
            }
        }

        return builder.Append(')').ToString();
    }
}

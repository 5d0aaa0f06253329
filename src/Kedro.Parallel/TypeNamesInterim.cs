using System.Text;

namespace Kedro.WorkerProcesses;

/// <summary>Readable type names in messages (replaced by the shared formatter at merge).</summary>
internal static class TypeNamesInterim
{
    public static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var builder = new StringBuilder(tick >= 0 ? name[..tick] : name).Append('<');
        builder.AppendJoin(", ", type.GetGenericArguments().Select(TypeName));
        return builder.Append('>').ToString();
    }
}

using System.Collections;
using System.Globalization;

namespace Kedro.Datasets.Internal;

/// <summary>The strings read as missing values: pandas' defaults (<c>keep_default_na</c>) plus <c>na_values</c>.</summary>
internal static class NaValues
{
    public static HashSet<string> From(IReadOnlyDictionary<string, object?> loadArgs, string typeName)
    {
        var keepDefault = DatasetArguments.Bool(loadArgs, "keep_default_na", true, typeName, "load_args");
        var set = new HashSet<string>(keepDefault ? Cells.DefaultNaValues : [""], StringComparer.Ordinal);
        switch (loadArgs.GetValueOrDefault("na_values"))
        {
            case null:
                break;
            case string single:
                set.Add(single);
                break;
            case IEnumerable many:
                foreach (var item in many)
                {
                    if (Convert.ToString(item, CultureInfo.InvariantCulture) is { } text)
                    {
                        set.Add(text);
                    }
                }

                break;
            default:
                set.Add(Convert.ToString(loadArgs["na_values"], CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }

        return set;
    }
}

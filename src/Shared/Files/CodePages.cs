using System.Text;

namespace Kedro.Shared.Files;

/// <summary>Makes Windows code pages (latin-1, cp1252, ...) available to CSV and Excel reading, once per process.</summary>
internal static class CodePages
{
    private static readonly Lazy<bool> Registered = new(static () =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;
}

using System.Collections;
using System.Globalization;
using Kedro.IO;

namespace Kedro.Shared.Files;

/// <summary>Reads a dataset's configuration the way Kedro's dataset constructors take it.</summary>
internal static class DatasetArguments
{
    /// <summary>The arguments every file dataset takes besides its own.</summary>
    public static readonly string[] Common = ["filepath", "credentials", "fs_args", "metadata"];

    public static string FilePath(DatasetFactoryContext context)
    {
        var filepath = context.Get<string>("filepath");
        return string.IsNullOrWhiteSpace(filepath)
            ? throw FileErrors.FilePathMissing(context.TypeName)
            : filepath;
    }

    /// <summary>A mapping argument (<c>load_args</c>, <c>save_args</c>, <c>metadata</c>) as an ordinal dictionary.</summary>
    public static Dictionary<string, object?>? Mapping(DatasetFactoryContext context, string name) =>
        context.Arguments.TryGetValue(name, out var value) ? Mapping(value, context.TypeName, name) : null;

    public static Dictionary<string, object?>? Mapping(object? value, string typeName, string name)
    {
        switch (value)
        {
            case null:
                return null;
            case IReadOnlyDictionary<string, object?> readOnly:
                return new Dictionary<string, object?>(readOnly, StringComparer.Ordinal);
            case IDictionary dictionary:
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    copy[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = entry.Value;
                }

                return copy;
            default:
                throw FileErrors.NotAMapping(typeName, name, value);
        }
    }

    /// <summary>Refuses keys a dataset does not implement, naming the supported ones.</summary>
    public static void EnsureKeys(IReadOnlyDictionary<string, object?>? args, string typeName, string argName, params string[] allowed)
    {
        if (args is null)
        {
            return;
        }

        foreach (var key in args.Keys)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw FileErrors.UnsupportedKey(typeName, argName, key, allowed);
            }
        }
    }

    public static string? String(IReadOnlyDictionary<string, object?>? args, string key) =>
        args is not null && args.TryGetValue(key, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;

    public static bool Bool(IReadOnlyDictionary<string, object?>? args, string key, bool defaultValue, string typeName, string argName)
    {
        if (args is null || !args.TryGetValue(key, out var value) || value is null)
        {
            return defaultValue;
        }

        return value switch
        {
            bool flag => flag,
            string text when bool.TryParse(text, out var parsed) => parsed,
            _ => throw FileErrors.BadValue(typeName, argName, key, value, "true or false"),
        };
    }

    public static int? Int(IReadOnlyDictionary<string, object?>? args, string key, string typeName, string argName)
    {
        if (args is null || !args.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            int number => number,
            long number when number is >= int.MinValue and <= int.MaxValue => (int)number,
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw FileErrors.BadValue(typeName, argName, key, value, "a whole number"),
        };
    }

    /// <summary>
    /// A local path as given; <c>file://</c> is stripped. Other protocols are refused: Kedro.NET's file datasets
    /// read and write local files only.
    /// </summary>
    public static string LocalPath(string filepath, string typeName)
    {
        const string File = "file://";
        if (filepath.StartsWith(File, StringComparison.OrdinalIgnoreCase))
        {
            return filepath[File.Length..];
        }

        var scheme = filepath.IndexOf("://", StringComparison.Ordinal);
        return scheme > 1 ? throw FileErrors.RemoteNotSupported(typeName, filepath) : filepath;
    }

    /// <summary>A text encoding by Python's or .NET's name; <c>utf-8</c> writes no byte order mark, <c>utf-8-sig</c> does.</summary>
    public static System.Text.Encoding Encoding(string? name, string typeName, string argName)
    {
        if (name is null)
        {
            return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }

        switch (name.Replace('_', '-').ToUpperInvariant())
        {
            case "UTF-8" or "UTF8":
                return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            case "UTF-8-SIG":
                return new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
            case "LATIN-1" or "LATIN1" or "L1" or "ISO8859-1" or "ISO-8859-1":
                return System.Text.Encoding.Latin1; // Python's names for it
            default:
                try
                {
                    CodePages.EnsureRegistered();
                    return System.Text.Encoding.GetEncoding(name);
                }
                catch (ArgumentException e)
                {
                    throw FileErrors.BadValue(typeName, argName, "encoding", name, "a known text encoding", e);
                }
        }
    }
}

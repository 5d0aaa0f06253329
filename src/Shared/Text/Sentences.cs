namespace Kedro.Shared.Text;

/// <summary>How Kedro.NET joins a message it wraps to the text it adds (src/Shared/Text).</summary>
internal static class Sentences
{
    /// <summary>A message as one sentence: trimmed, ending with a full stop unless it ends with punctuation already.</summary>
    public static string Of(string message)
    {
        var text = message.Trim();
        return text.Length == 0 || text[^1] is '.' or '!' or '?' ? text : text + ".";
    }
}

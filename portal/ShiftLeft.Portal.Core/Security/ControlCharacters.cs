using System.Buffers;
using System.Globalization;
using System.Text;

namespace ShiftLeft.Portal.Core.Security;

/// <summary>
/// Control characters (U+0000–U+001F, U+007F–U+009F) in text: PostgreSQL cannot store NUL at all, and the rest are
/// invisible or move the cursor. The portal treats them the same on every database (docs/portal.md "Hostile input"):
/// identifiers and text a person types are refused; free text in an upload (messages, snippets, evidence strings) is
/// stored without them, and the upload's answer says so. Tab, line feed and carriage return are ordinary text.
/// </summary>
public static class ControlCharacters
{
    // Every char IsControl accepts, in one vectorised set: free text is checked once per message on the ingestion path.
    private static readonly SearchValues<char> Removed = SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(IsControl).ToArray());

    /// <summary>Whether the text holds a control character other than tab, line feed and carriage return.</summary>
    public static bool Any(string? text) => text is not null && text.AsSpan().ContainsAny(Removed);

    /// <summary>
    /// Refuses free text a person typed (a comment, a reason) that holds a control character other than tab, line feed and
    /// carriage return: a 400 naming the field, the character and its position (1-based), like an upload's refusals.
    /// </summary>
    public static void RefuseIn(string? text, string field)
    {
        var index = text is null ? -1 : text.AsSpan().IndexOfAny(Removed);
        if (index >= 0)
            throw new PortalValidationException($"{field}: contains a control character ({Name(text![index])}) at position {index + 1}; remove it (line breaks and tabs are allowed).", field);
    }

    /// <summary>The text without its control characters (tab, line feed and carriage return kept); <paramref name="removed"/> counts them.</summary>
    public static string? Strip(string? text, out int removed)
    {
        removed = 0;
        if (text is null || !Any(text)) return text;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsControl(c)) removed++;
            else clean.Append(c);
        }

        return clean.ToString();
    }

    /// <summary>
    /// The text as an error message may quote it: control characters (tab and line breaks too) and bidirectional controls written as <c>\u0000</c>
    /// escapes and at most <paramref name="max"/> characters, so a refusal neither carries NUL into a log or a
    /// database nor echoes a megabyte.
    /// </summary>
    public static string Quote(string text, int max = 120)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.Length <= max ? text : text[..max] + "…";
        if (!cut.Any(char.IsControl) && !BidiControls.Any(cut)) return cut;
        var visible = new StringBuilder(cut.Length + 16);
        foreach (var c in cut)
        {
            if (char.IsControl(c) || BidiControls.Is(c)) visible.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else visible.Append(c);
        }

        return visible.ToString();
    }

    /// <summary>How a character is named in messages: U+0000.</summary>
    public static string Name(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>A control character other than tab, line feed and carriage return.</summary>
    public static bool IsControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');
}

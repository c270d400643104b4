namespace ShiftLeft.Portal.Core.Security;

/// <summary>
/// Counts the control characters stripped from one upload's free text and remembers where the first one was, for the
/// single warning the upload's answer carries.
/// </summary>
public sealed class StrippedControlCharacters
{
    /// <summary>How many characters were removed.</summary>
    public int Count { get; private set; }

    /// <summary>Where the first one was, e.g. "result 3, message.text (U+0000)".</summary>
    public string? First { get; private set; }

    /// <summary>The text without control characters, counting what was removed and where.</summary>
    public string? Clean(string? text, string where)
    {
        var clean = ControlCharacters.Strip(text, out var removed);
        if (removed == 0) return clean;
        First ??= $"{where} ({ControlCharacters.Name(text!.First(ControlCharacters.IsControl))})";
        Count += removed;
        return clean;
    }

    /// <summary>The warning for the upload's answer, or null when nothing was removed.</summary>
    public string? Warning(string subject) => Count == 0 ? null
        : $"{Count} control character{(Count == 1 ? "" : "s")} removed from {subject} (first: {First}); the text is stored without {(Count == 1 ? "it" : "them")}.";
}

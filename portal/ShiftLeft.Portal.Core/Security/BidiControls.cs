using System.Buffers;

namespace ShiftLeft.Portal.Core.Security;

/// <summary>
/// Unicode's Bidi_Control characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069): invisible, they reorder
/// the text around them, so <c>src/\u202Egnp.cs</c> reads as <c>src/sc.png</c> ("Trojan Source"). No file name needs
/// them, so a path holding one is refused like a control character (docs/portal.md "Hostile input").
/// </summary>
public static class BidiControls
{
    private static readonly SearchValues<char> Characters = SearchValues.Create(
        "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public static bool Any(string? text) => text is not null && text.AsSpan().ContainsAny(Characters);

    public static bool Is(char c) => Characters.Contains(c);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace ShiftLeft.Build.Evidence;

/// <summary>The dates evidence may record: YYYY-MM-DD or a full ISO-8601 timestamp; without an offset they are UTC.</summary>
public static class EvidenceDates
{
    private static readonly Regex Shape = new(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Parses a date; false for anything else (including "last tuesday" and locale-specific forms).</summary>
    public static bool TryParse(string text, out DateTimeOffset date)
    {
        date = default;
        var trimmed = text.Trim();
        return trimmed.Length <= 40
            && Shape.IsMatch(trimmed)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
    }
}

using System.Text.RegularExpressions;

namespace ShiftLeft.Portal.Core.Security;

/// <summary>
/// Redacts personal data from text before it is stored: e-mail addresses, payment card numbers (Luhn-checked),
/// IBANs, US social security numbers, phone numbers, IPv4 and IPv6 addresses. Each is replaced by a typed marker such as
/// <c>[email]</c>, so a finding still reads sensibly. Cheap pre-checks skip the regexes for text without '@' or digits.
/// </summary>
public static partial class PersonalDataRedactor
{
    public const string EmailMarker = "[email]";
    public const string CardMarker = "[card-number]";
    public const string IbanMarker = "[iban]";
    public const string SsnMarker = "[ssn]";
    public const string PhoneMarker = "[phone]";
    public const string IpMarker = "[ip-address]";

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var hasAt = text.Contains('@');
        var digits = CountDigits(text);
        var hasColonHex = text.Contains("::", StringComparison.Ordinal) || text.Count(c => c == ':') >= 5;
        if (!hasAt && digits < 4 && !hasColonHex) return text;

        if (hasAt) text = EmailRegex().Replace(text, EmailMarker);
        if (hasColonHex) text = Ipv6Regex().Replace(text, m => IsIpv6(m.Value) ? IpMarker : m.Value);
        if (digits >= 4)
        {
            text = Ipv4Regex().Replace(text, IpMarker);
            text = IbanRegex().Replace(text, IbanMarker);
            text = CardRegex().Replace(text, m => PassesLuhn(m.Value) ? CardMarker : m.Value);
            text = SsnRegex().Replace(text, SsnMarker);
            // E.164 numbers have at most 15 digits; longer digit runs are ids, not phones.
            // Calendar dates (2027-01-31, as in a model id gpt-4o-2024-08-06) have the shape of a phone number but are not one.
            text = PhoneRegex().Replace(text, m => CountDigits(m.Value) is >= 8 and <= 15 && !IsoDateRegex().IsMatch(m.Value) ? PhoneMarker : m.Value);
        }

        return text;
    }

    private static int CountDigits(string text)
    {
        var n = 0;
        foreach (var c in text) if (c is >= '0' and <= '9') n++;
        return n;
    }

    private static bool IsIpv6(string candidate) =>
        System.Net.IPAddress.TryParse(candidate, out var address)
        && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        && candidate.Split(':', StringSplitOptions.RemoveEmptyEntries).Length >= 3;

    private static bool PassesLuhn(string candidate)
    {
        var sum = 0;
        var count = 0;
        var doubleIt = false;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            var c = candidate[i];
            if (c is < '0' or > '9') continue;
            var d = c - '0';
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubleIt = !doubleIt;
            count++;
        }

        return count is >= 13 and <= 19 && sum % 10 == 0;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(@"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Regex();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex IbanRegex();

    [GeneratedRegex(@"(?<!\d)(?:\d[ \-]?){12,18}\d(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateRegex();

    [GeneratedRegex(@"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"(?<![\w.])\+?\(?\d{1,4}\)?(?:[ .\-]?\(?\d{2,4}\)?){2,5}(?![\w.])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRegex();
}

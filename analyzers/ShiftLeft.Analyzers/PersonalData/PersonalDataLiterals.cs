using System;
using System.Text.RegularExpressions;

namespace ShiftLeft.Analyzers.PersonalData
{
    /// <summary>
    /// Recognises string literals that ARE personal data: an e-mail address, a payment card number that passes the
    /// Luhn check, an IBAN that passes its mod-97 check, a US social security number, an international phone number.
    /// Checks are strict on purpose (checksums, reserved example domains ignored): a literal that merely looks
    /// numeric must not turn a log line into a finding.
    /// </summary>
    internal static class PersonalDataLiterals
    {
        // Bounded so that a pathological literal can never stall the compiler.
        private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);
        private const int MaxScannedLength = 4096;

        /// <summary>The fewest digits a card, IBAN, social security or phone number literal has.</summary>
        public const int FewestDigits = 8;

        private static readonly Regex EmailPattern = new Regex(
            @"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?<domain>[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+(?<tld>[A-Za-z]{2,24}))\b",
            RegexOptions.CultureInvariant, MatchTimeout);

        private static readonly Regex CardPattern = new Regex(
            @"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant, MatchTimeout);

        private static readonly Regex IbanPattern = new Regex(
            @"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, MatchTimeout);

        private static readonly Regex SocialSecurityNumberPattern = new Regex(
            @"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant, MatchTimeout);

        private static readonly Regex PhonePattern = new Regex(
            @"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,6}(?!\d)", RegexOptions.CultureInvariant, MatchTimeout);

        /// <summary>
        /// Describes the personal data in <paramref name="text"/> ("an e-mail address", "a card number", …), or
        /// returns null when it holds none.
        /// </summary>
        public static string? Describe(string? text)
        {
            if (text is null || text.Length < 6)
                return null;
            if (text.Length > MaxScannedLength)
                text = text.Substring(0, MaxScannedLength);

            try
            {
                if (text.IndexOf('@') >= 0 && ContainsRealEmailAddress(text))
                    return "an e-mail address";

                if (CountDigits(text) < FewestDigits)
                    return null;

                foreach (Match match in CardPattern.Matches(text))
                {
                    if (PassesLuhn(match.Value) && !IsPublishedTestCard(match.Value))
                        return "a payment card number";
                }

                foreach (Match match in IbanPattern.Matches(text))
                {
                    if (PassesIbanChecksum(match.Value))
                        return "an IBAN";
                }

                if (SocialSecurityNumberPattern.IsMatch(text))
                    return "a social security number";

                foreach (Match match in PhonePattern.Matches(text))
                {
                    var digits = CountDigits(match.Value);
                    if (digits >= 8 && digits <= 15)
                        return "a phone number";
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A literal too convoluted to scan in time is treated as not personal: analyzers must never stall.
            }

            return null;
        }

        private static bool ContainsRealEmailAddress(string text)
        {
            foreach (Match match in EmailPattern.Matches(text))
            {
                if (!IsReservedExampleDomain(match.Groups["domain"].Value, match.Groups["tld"].Value))
                    return true;
            }

            return false;
        }

        // RFC 2606 / RFC 6761 names exist for documentation and tests, and Microsoft's documentation uses its fictitious
        // Contoso and Fabrikam: an address there identifies nobody.
        private static readonly string[] PlaceholderDomains = { "example.com", "example.org", "example.net", "contoso.com", "fabrikam.com" };

        private static bool IsReservedExampleDomain(string domain, string topLevelDomain)
        {
            var tld = topLevelDomain.ToLowerInvariant();
            if (tld == "example" || tld == "test" || tld == "invalid" || tld == "localhost")
                return true;
            var lower = domain.ToLowerInvariant();
            foreach (var placeholder in PlaceholderDomains)
            {
                if (lower == placeholder || lower.EndsWith("." + placeholder, StringComparison.Ordinal))
                    return true;
            }

            return false;
        }

        // The card networks' and payment processors' published test numbers (Visa, Mastercard, American Express,
        // Discover, Diners, JCB, UnionPay as Stripe, Adyen, Braintree and PayPal document them): placeholders, not cards.
        private static readonly string[] TestCardNumbers =
        {
            "4111111111111111", "4242424242424242", "4012888888881881", "4000056655665556", "4000000000000002", "4000000000009995",
            "4222222222222", "4917610000000000", "4005519200000004", "4009348888881881", "4012000033330026", "4012000077777777",
            "5555555555554444", "5105105105105100", "5200828282828210", "2223003122003222", "5454545454545454", "2221000000000009",
            "378282246310005", "371449635398431", "378734493671000", "6011111111111117", "6011000990139424", "6011601160116611",
            "3056930009020004", "30569309025904", "38520000023237", "3566002020360505", "3530111333300000", "6200000000000005",
        };

        private static bool IsPublishedTestCard(string candidate)
        {
            var digits = new System.Text.StringBuilder(candidate.Length);
            foreach (var c in candidate)
            {
                if (c >= '0' && c <= '9')
                    digits.Append(c);
            }

            return Array.IndexOf(TestCardNumbers, digits.ToString()) >= 0;
        }

        private static int CountDigits(string text)
        {
            var count = 0;
            foreach (var c in text)
            {
                if (c >= '0' && c <= '9')
                    count++;
            }

            return count;
        }

        internal static bool PassesLuhn(string candidate)
        {
            var sum = 0;
            var digits = 0;
            var doubleIt = false;
            var first = '\0';
            var allSame = true;
            for (var i = candidate.Length - 1; i >= 0; i--)
            {
                var c = candidate[i];
                if (c < '0' || c > '9')
                    continue;
                if (first == '\0')
                    first = c;
                else if (c != first)
                    allSame = false;

                var d = c - '0';
                if (doubleIt)
                {
                    d *= 2;
                    if (d > 9)
                        d -= 9;
                }

                sum += d;
                digits++;
                doubleIt = !doubleIt;
            }

            // "0000000000000" passes Luhn but is a placeholder, not a card.
            return digits >= 13 && digits <= 19 && !allSame && sum % 10 == 0;
        }

        internal static bool PassesIbanChecksum(string candidate)
        {
            var compact = candidate.Replace(" ", string.Empty);
            if (compact.Length < 15 || compact.Length > 34)
                return false;

            // Move the country code and check digits to the end, map letters to 10..35, then mod 97 must be 1.
            var rearranged = compact.Substring(4) + compact.Substring(0, 4);
            var remainder = 0;
            foreach (var c in rearranged)
            {
                int value;
                if (c >= '0' && c <= '9')
                    value = c - '0';
                else if (c >= 'A' && c <= 'Z')
                    value = c - 'A' + 10;
                else
                    return false;

                remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
            }

            return remainder == 1;
        }
    }
}

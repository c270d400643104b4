// Usage: CredentialLiterals.Describe(text) → "an OpenAI-style API key literal", or null when the text holds no credential.
// Credentials with a shape of their own, found anywhere in a string constant (a prompt template with a key pasted into
// it counts). Each shape is checked by hand, not by regular expression: a literal is scanned only from the few places
// a distinctive prefix occurs, so the common literal (no prefix at all) costs one IndexOf per prefix. Documentation
// placeholders ("sk-...", "sk-your-key-here", "AKIAIOSFODNN7EXAMPLE", all-x bodies) are not credentials: a real key is
// long, random (letters of both cases and digits), and has no placeholder word in it.
using System;
using System.Text;

namespace ShiftLeft.Analyzers.Secrets
{
    internal static class CredentialLiterals
    {
        private static readonly string[] PlaceholderWords = { "your", "xxxx", "example", "placeholder", "replace", "dummy", "sample", "redacted", "insert", "here", "1234", "abcd", "****", "...." };

        /// <summary>What kind of credential <paramref name="text"/> contains ("an OpenAI-style API key literal"), or null. Never the value.</summary>
        public static string? Describe(string? text)
        {
            if (text is null || text.Length < 16)
            {
                return null;
            }

            return OpenAiKey(text)
                ?? Prefixed(text, "AKIA", AwsAccessKeyId, "an AWS access key ID literal")
                ?? Prefixed(text, "ASIA", AwsAccessKeyId, "an AWS access key ID literal")
                ?? GitHubToken(text)
                ?? Prefixed(text, "xoxb-", SlackToken, "a Slack token literal")
                ?? Prefixed(text, "xoxp-", SlackToken, "a Slack token literal")
                ?? PrivateKey(text)
                ?? Jwt(text)
                ?? ConnectionStringPassword(text);
        }

        private delegate bool Shape(string text, int start, int afterPrefix);

        /// <summary>Each occurrence of <paramref name="prefix"/> that starts a token (no letter, digit, '-' or '_' before it) is checked against <paramref name="shape"/>.</summary>
        private static string? Prefixed(string text, string prefix, Shape shape, string description)
        {
            for (var at = text.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(prefix, at + 1, StringComparison.Ordinal))
            {
                if ((at == 0 || !IsTokenChar(text[at - 1])) && shape(text, at, at + prefix.Length))
                {
                    return description;
                }
            }

            return null;
        }

        // sk-<48 base62> (legacy), sk-proj-…, sk-svcacct-…, sk-ant-api03-… (Anthropic): a long random body of both cases and digits.
        private static string? OpenAiKey(string text) =>
            Prefixed(text, "sk-ant-", (t, _, body) => IsRandomBody(t, body, TokenLength(t, body), 40), "an Anthropic API key literal")
            ?? Prefixed(text, "sk-", (t, start, body) => string.CompareOrdinal(t, body, "ant-", 0, 4) != 0 && IsRandomBody(t, body, TokenLength(t, body), 20), "an OpenAI-style API key literal");

        // AKIA + 16 upper-case letters or digits, then the token ends.
        private static bool AwsAccessKeyId(string text, int start, int body)
        {
            const int Length = 16;
            if (body + Length > text.Length || (body + Length < text.Length && IsTokenChar(text[body + Length])))
            {
                return false;
            }

            var digits = false;
            for (var i = body; i < body + Length; i++)
            {
                var c = text[i];
                if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                {
                    return false;
                }

                digits |= c >= '0' && c <= '9';
            }

            return digits && !IsPlaceholder(text, start, body + Length - start);
        }

        // ghp_/gho_/ghu_/ghs_/ghr_ + 36 letters and digits; github_pat_ + 22 + '_' + 59.
        private static string? GitHubToken(string text)
        {
            foreach (var prefix in new[] { "ghp_", "gho_", "ghu_", "ghs_", "ghr_" })
            {
                if (Prefixed(text, prefix, (t, _, body) => TokenLength(t, body) >= 36 && IsRandomBody(t, body, TokenLength(t, body), 36), "a GitHub token literal") is { } found)
                {
                    return found;
                }
            }

            return Prefixed(text, "github_pat_", (t, _, body) => IsRandomBody(t, body, TokenLength(t, body), 50), "a GitHub token literal");
        }

        // xoxb-<digits>-<digits>-<random>: the workspace and user numbers make it distinctive.
        private static bool SlackToken(string text, int start, int body)
        {
            var length = TokenLength(text, body);
            var parts = text.Substring(body, length).Split('-');
            if (parts.Length < 3 || parts[0].Length < 6 || parts[1].Length < 6)
            {
                return false;
            }

            foreach (var c in parts[0] + parts[1])
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            // The numbers are the workspace's and the user's: only the random part can be a placeholder.
            var random = parts[parts.Length - 1];
            return random.Length >= 8 && !IsPlaceholder(random, 0, random.Length);
        }

        // A PEM private key with its body: the header alone is what code that parses a key searches for.
        private static string? PrivateKey(string text)
        {
            for (var at = text.IndexOf("-----BEGIN ", StringComparison.Ordinal); at >= 0; at = text.IndexOf("-----BEGIN ", at + 1, StringComparison.Ordinal))
            {
                // The header is short ("-----BEGIN ENCRYPTED PRIVATE KEY-----"): search only its length, so many
                // "-----BEGIN " without a key cost no rescan of the rest of the text each.
                var headerEnd = text.IndexOf("PRIVATE KEY-----", at, Math.Min(60, text.Length - at), StringComparison.Ordinal);
                if (headerEnd < 0)
                {
                    continue;
                }

                // The body: base64 lines (and PEM headers such as Proc-Type) up to the footer; prose after a bare header stops it.
                var base64 = 0;
                for (var i = headerEnd + "PRIVATE KEY-----".Length; i < text.Length && text[i] != '-'; i++)
                {
                    var c = text[i];
                    if (char.IsLetterOrDigit(c) || c == '+' || c == '/' || c == '=')
                    {
                        base64++;
                    }
                    else if (c != '\n' && c != '\r' && c != '\\')
                    {
                        break;
                    }
                }

                if (base64 >= 64)
                {
                    return "a private key literal";
                }
            }

            return null;
        }

        // eyJ<header>.<payload>.<signature>, all base64url, the header decoding to a JSON object that names its algorithm.
        private static string? Jwt(string text) => Prefixed(text, "eyJ", IsJwt, "a JSON Web Token literal");

        private static bool IsJwt(string text, int start, int body)
        {
            var firstDot = SegmentEnd(text, start);
            if (firstDot >= text.Length || text[firstDot] != '.' || firstDot - start < 12)
            {
                return false;
            }

            var secondDot = SegmentEnd(text, firstDot + 1);
            if (secondDot >= text.Length || text[secondDot] != '.' || secondDot - firstDot - 1 < 8)
            {
                return false;
            }

            var end = SegmentEnd(text, secondDot + 1);
            if (end - secondDot - 1 < 16)
            {
                return false;
            }

            var header = DecodeBase64Url(text.Substring(start, firstDot - start));
            return header is not null && header.TrimStart().StartsWith("{", StringComparison.Ordinal) && header.IndexOf("\"alg\"", StringComparison.Ordinal) >= 0;
        }

        // Password=…/Pwd=… (also an Azure storage or Service Bus key) in a connection string: "key=value;" pairs, the value non-empty and not a placeholder.
        private static string? ConnectionStringPassword(string text)
        {
            if (text.IndexOf(';') < 0 || text.IndexOf('=') < 0)
            {
                return null;
            }

            foreach (var pair in text.Split(';'))
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    continue;
                }

                var key = pair.Substring(0, equals).Trim();
                var value = pair.Substring(equals + 1).Trim().Trim('\'', '"');
                var isPassword = key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("Pwd", StringComparison.OrdinalIgnoreCase);
                var isAccountKey = key.Equals("AccountKey", StringComparison.OrdinalIgnoreCase) || key.Equals("SharedAccessKey", StringComparison.OrdinalIgnoreCase);
                if ((isPassword && IsRealPassword(value)) || (isAccountKey && value.Length >= 20 && IsRealPassword(value)))
                {
                    return "a connection string literal with a password";
                }
            }

            return null;
        }

        private static bool IsRealPassword(string value)
        {
            if (value.Length == 0 || value[0] is '{' or '<' or '$' or '%' or '[' or '*' || value.IndexOf("{0}", StringComparison.Ordinal) >= 0)
            {
                return false;
            }

            var lower = value.ToLowerInvariant();
            return lower is not ("password" or "pwd" or "pass" or "secret" or "changeme" or "xxx" or "null" or "none" or "empty") && !IsPlaceholder(value, 0, value.Length);
        }

        /// <summary>A key body: at least <paramref name="minimum"/> characters, letters of both cases and digits, no placeholder word, not one repeated character.</summary>
        private static bool IsRandomBody(string text, int body, int length, int minimum)
        {
            if (length < minimum)
            {
                return false;
            }

            bool upper = false, lower = false, digit = false;
            for (var i = body; i < body + length; i++)
            {
                var c = text[i];
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                digit |= c >= '0' && c <= '9';
            }

            return upper && lower && digit && !IsPlaceholder(text, body, length);
        }

        private static bool IsPlaceholder(string text, int start, int length)
        {
            var lower = text.Substring(start, length).ToLowerInvariant();
            foreach (var word in PlaceholderWords)
            {
                if (lower.IndexOf(word, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static int TokenLength(string text, int start)
        {
            var end = start;
            while (end < text.Length && IsTokenChar(text[end]))
            {
                end++;
            }

            return end - start;
        }

        private static int SegmentEnd(string text, int start)
        {
            var end = start;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '-' || text[end] == '_'))
            {
                end++;
            }

            return end;
        }

        private static bool IsTokenChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';

        private static string? DecodeBase64Url(string segment)
        {
            var base64 = segment.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}

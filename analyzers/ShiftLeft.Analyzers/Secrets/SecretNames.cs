// Usage: SecretNames.IsSecretKey("OpenAI:ApiKey") → true; ("OPENAI_API_KEY") → true; ("Cosmos:PartitionKey") → false.
// Whether a configuration key, environment variable or property is named for a secret. Only the LAST segment of a
// hierarchical key counts (':' and '__' of configuration, '.' of dotted names): "ApiKey:Header" names a header, not a
// key. Within that segment '_' and '-' are word breaks, not hierarchy, so OPENAI_API_KEY ends in "API KEY" and is the
// same secret as OpenAI:ApiKey. The segment must END in a secret's name, so SortKey, PartitionKey, CacheKey, MaxTokens
// and TokenEndpoint are not secrets.
using System;

namespace ShiftLeft.Analyzers.Secrets
{
    internal static class SecretNames
    {
        // Compared against the last segment lower-cased with '_' and '-' removed.
        private static readonly string[] Endings =
        {
            "apikey", "accesskey", "secretkey", "privatekey", "subscriptionkey", "signingkey", "secret", "password", "passwd", "pwd", "token",
            "connectionstring",
        };

        // Settings that end in "token" but count tokens: MaxToken, MinToken.
        private static readonly string[] CountPrefixes = { "max", "min", "num" };

        public static bool IsSecretKey(string? key)
        {
            var segment = LastSegment(key);
            if (segment.Length == 0)
            {
                return false;
            }

            var normalized = Normalize(segment);
            foreach (var ending in Endings)
            {
                if (normalized.EndsWith(ending, StringComparison.Ordinal))
                {
                    return !(ending == "token" && StartsWithAny(normalized, CountPrefixes));
                }
            }

            return false;
        }

        private static string LastSegment(string? key)
        {
            if (key is null)
            {
                return string.Empty;
            }

            var start = 0;
            for (var i = 0; i < key.Length; i++)
            {
                if (key[i] == ':' || key[i] == '.')
                {
                    start = i + 1;
                }
                else if (key[i] == '_' && i + 1 < key.Length && key[i + 1] == '_')
                {
                    start = i + 2;
                    i++;
                }
            }

            return key.Substring(start).Trim();
        }

        private static string Normalize(string segment)
        {
            var chars = new char[segment.Length];
            var length = 0;
            foreach (var c in segment)
            {
                if (c != '_' && c != '-')
                {
                    chars[length++] = char.ToLowerInvariant(c);
                }
            }

            return new string(chars, 0, length);
        }

        private static bool StartsWithAny(string text, string[] prefixes)
        {
            foreach (var prefix in prefixes)
            {
                if (text.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

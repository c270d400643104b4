// Usage: if (!SecretSourceText.AnyIn(compilation)) { /* no walk can find a secret: skip SL0009's flow */ }
// SL0009's cheap trigger. The secret flow follows a prompt through methods, fields and properties into any file of the
// compilation, so whether one file holds a secret source says nothing about the calls in another; but every secret
// the flow can find is named in the compilation's text: a credential constant by its marker (CredentialLiterals'
// prefixes), a configuration or environment read by the secret's name in its key, a connection string or Key Vault
// read by its method's name, an options property by its own name. A compilation none of whose files holds any of
// these cannot reach a secret, and no model call in it is walked. Each file is scanned once (cached per syntax tree, so
// the IDE's next compilation rescans only the edited file); the compilation's answer is asked once, lazily.
// Not seen by the scan, so not found although the flow would find them: a credential or key name spelt with escape
// sequences or split mid-word across concatenated constants, and a constant declared in a referenced assembly.
using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.Secrets
{
    internal static class SecretSourceText
    {
        private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<Found>> Trees = new();

        // Searched case-sensitively in the text as written: the prefixes CredentialLiterals checks a shape after.
        private static readonly string[] CredentialMarkers =
        {
            "sk-", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xoxb-", "xoxp-", "-----BEGIN ", "eyJ",
        };

        // Searched in the text lower-cased with '_' and '-' removed, as SecretNames compares a key's last segment, and
        // where a word ends (no letter or digit follows), as a secret's name ends its key: SecretNames' endings but
        // "token", and a connection string's key names ("Password=" and "Pwd=" are endings already). So MaxOutputTokens,
        // TokenCredential, PasswordHash and SecretName do not count. "connectionstring" also finds GetConnectionString,
        // a secret by definition.
        private static readonly string[] SecretWords =
        {
            "apikey", "accesskey", "secretkey", "privatekey", "subscriptionkey", "signingkey", "secret", "password", "passwd", "pwd",
            "connectionstring", "accountkey",
        };

        // Key Vault's GetSecret / GetSecretAsync: a secret whatever its name.
        private const string SecretStoreRead = "getsecret";

        // Where an identifier named "…CancellationToken" (in every async method) could still be a secret's name: a
        // property of bound options (IOptions<T>.Value, IOptionsMonitor<T>.CurrentValue, ConfigurationBinder.Get,
        // Options.Create) or a key taken with nameof.
        private static readonly string[] NameReaders = { "ioptions", "currentvalue", "get<", "get(", "options.create", "nameof" };

        [Flags]
        private enum Found
        {
            None = 0,
            SecretSource = 1,
            CancellationToken = 2,
            NameReader = 4,
        }

        /// <summary>Whether any file of <paramref name="compilation"/> holds text a secret source needs (see the file's header).</summary>
        public static bool AnyIn(Compilation compilation)
        {
            var found = Found.None;
            foreach (var tree in compilation.SyntaxTrees)
            {
                found |= Trees.GetValue(tree, t => new StrongBox<Found>(Scan(t))).Value;
                if ((found & Found.SecretSource) != 0 || found == (Found.CancellationToken | Found.NameReader))
                {
                    return true;
                }
            }

            return false;
        }

        private static Found Scan(SyntaxTree tree)
        {
            var text = tree.GetText().ToString();
            foreach (var marker in CredentialMarkers)
            {
                if (text.IndexOf(marker, StringComparison.Ordinal) >= 0)
                {
                    return Found.SecretSource;
                }
            }

            var words = Normalize(text);
            if (words.IndexOf(SecretStoreRead, StringComparison.Ordinal) >= 0)
            {
                return Found.SecretSource;
            }

            foreach (var word in SecretWords)
            {
                for (var at = words.IndexOf(word, StringComparison.Ordinal); at >= 0; at = words.IndexOf(word, at + 1, StringComparison.Ordinal))
                {
                    if (EndsWord(words, at + word.Length))
                    {
                        return Found.SecretSource;
                    }
                }
            }

            var found = Found.None;
            for (var at = words.IndexOf("token", StringComparison.Ordinal); at >= 0; at = words.IndexOf("token", at + 1, StringComparison.Ordinal))
            {
                if (!EndsWord(words, at + "token".Length))
                {
                    continue;
                }

                if (!PrecededBy(words, at, "cancellation"))
                {
                    return Found.SecretSource;
                }

                found = Found.CancellationToken;
            }

            foreach (var reader in NameReaders)
            {
                if (words.IndexOf(reader, StringComparison.Ordinal) >= 0)
                {
                    return found | Found.NameReader;
                }
            }

            return found;
        }

        private static bool EndsWord(string text, int end) => end >= text.Length || !char.IsLetterOrDigit(text[end]);

        private static bool PrecededBy(string text, int at, string word) =>
            at >= word.Length && string.CompareOrdinal(text, at - word.Length, word, 0, word.Length) == 0;

        // Whole-text string operations rather than a loop over characters: each is vectorised by the runtime, and this
        // runs over every file of the compilation once.
        private static string Normalize(string text) => text.ToLowerInvariant().Replace("_", string.Empty).Replace("-", string.Empty);
    }
}

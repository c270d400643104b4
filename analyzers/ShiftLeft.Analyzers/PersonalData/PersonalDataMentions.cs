// Usage: rules.Mentions.MayReadPersonalData(context.OperationBlocks)   // false: the member reads no personal-data source
// The first, textual step of the personal-data trigger. Every source the trigger looks for shows in the member's own
// text: a personal-data name (customerEmail, date_of_birth, contact.Name), a claim type (ClaimTypes.Email,
// "given_name"), a JSON serialiser call, a literal with an '@' or enough digits for a card, IBAN, SSN or phone number,
// a parameter's or member's personal-data attribute, or the name of a member that is personal by attribute. A member
// whose text holds none of them cannot have a source, so its operations are not walked: most members of most code
// bases, at the cost of one pass over their characters.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal sealed class PersonalDataMentions
    {
        // Lower-case, without underscores, as a member's text is compared: an identifier's words run together
        // (date_of_birth → dateofbirth), so every term the name rules accept appears whole.
        private readonly string[] _words;
        private readonly Lazy<ImmutableArray<string>> _attributeMarkedNames;

        public PersonalDataMentions(IEnumerable<string> words, Func<ImmutableArray<string>> attributeMarkedNames)
        {
            var squeezed = words.Select(Squeeze).Where(word => word.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            // A word that contains another is found by the shorter one.
            _words = squeezed.Where(word => !squeezed.Any(other => other.Length < word.Length && word.IndexOf(other, StringComparison.Ordinal) >= 0)).ToArray();
            _attributeMarkedNames = new Lazy<ImmutableArray<string>>(attributeMarkedNames);
        }

        /// <summary>False when no block of the member can read a personal-data source (see the file's header).</summary>
        public bool MayReadPersonalData(ImmutableArray<IOperation> blocks)
        {
            foreach (var root in OperationScope.MemberRoots(blocks))
            {
                var syntax = root.Syntax;
                var text = new char[syntax.Span.Length];
                syntax.SyntaxTree.GetText().CopyTo(syntax.Span.Start, text, 0, text.Length);
                if (MayReadPersonalData(text))
                    return true;
            }

            return false;
        }

        private bool MayReadPersonalData(char[] text)
        {
            if (Array.IndexOf(text, '@') >= 0 || DigitsInLiterals(text) >= PersonalDataLiterals.FewestDigits)
                return true;
            foreach (var name in _attributeMarkedNames.Value)
            {
                if (ContainsIdentifier(text, name))
                    return true;
            }

            var length = SqueezeInPlace(text);
            var squeezed = new ReadOnlySpan<char>(text, 0, length);
            foreach (var word in _words)
            {
                if (squeezed.IndexOf(word.AsSpan(), StringComparison.Ordinal) >= 0)
                    return true;
            }

            return false;
        }

        /// <summary>
        /// Digits that can be inside a string literal: after a quote on the same line, or anywhere when the text has a
        /// literal that can span lines (verbatim or raw). A literal is personal data by its digits only with at least
        /// <see cref="PersonalDataLiterals.FewestDigits"/> of them.
        /// </summary>
        private static int DigitsInLiterals(char[] text)
        {
            var spansLines = new ReadOnlySpan<char>(text).IndexOf("@\"".AsSpan(), StringComparison.Ordinal) >= 0
                || new ReadOnlySpan<char>(text).IndexOf("\"\"\"".AsSpan(), StringComparison.Ordinal) >= 0;
            var digits = 0;
            var afterQuote = spansLines;
            foreach (var c in text)
            {
                if (c == '"')
                    afterQuote = true;
                else if (c == '\n')
                    afterQuote = spansLines;
                else if (afterQuote && c >= '0' && c <= '9')
                    digits++;
            }

            return digits;
        }

        /// <summary>The identifier as a whole word (<c>ticket.Reporter</c>, not <c>Reporters</c>), as C# spells it (case-sensitive).</summary>
        private static bool ContainsIdentifier(char[] text, string name)
        {
            var span = new ReadOnlySpan<char>(text);
            var offset = 0;
            while (offset < span.Length)
            {
                var found = span.Slice(offset).IndexOf(name.AsSpan(), StringComparison.Ordinal);
                if (found < 0)
                    return false;
                var start = offset + found;
                var end = start + name.Length;
                if ((start == 0 || !IsIdentifierChar(span[start - 1])) && (end == span.Length || !IsIdentifierChar(span[end])))
                    return true;
                offset = start + 1;
            }

            return false;
        }

        private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        /// <summary>Lower-cases the text and drops underscores, in place; returns the new length.</summary>
        private static int SqueezeInPlace(char[] text)
        {
            var length = 0;
            foreach (var c in text)
            {
                if (c == '_')
                    continue;
                text[length++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : char.ToLowerInvariant(c);
            }

            return length;
        }

        private static string Squeeze(string word) => word.Replace("_", string.Empty).ToLowerInvariant();
    }
}

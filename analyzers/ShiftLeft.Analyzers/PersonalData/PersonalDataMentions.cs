// Usage: rules.Mentions.MayReadPersonalData(context.OperationBlocks)   // false: the member reads no personal-data source
// The first, textual step of the personal-data trigger. Every source the trigger looks for shows in the member's own
// text: a personal-data name (customerEmail, date_of_birth, contact.Name), a claim type (ClaimTypes.Email,
// "given_name"), a JSON serialiser call, a literal with an '@' or enough digits for a card, IBAN, SSN or phone number,
// a parameter's or member's personal-data attribute, or the name of a member that is personal by attribute. A member
// whose text holds none of them cannot have a source, so its operations are not walked: most members of most code
// bases, at the cost of one pass over their characters. The bare word "name" is in most members of most code bases
// (functionName, nameof, Name); a bare name is personal only on a person, so it counts only beside a word naming one
// (customer.Name, userName, User.Identity.Name, a claim's "name") or in a compilation that declares a type named for
// a person (Customer.Name read through `var c`).
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
        // Names this short are looked for as whole identifiers (Identity's Id): as part of a word they are everywhere.
        private const int ShortestWordNeedle = 4;

        private readonly Lazy<Needles> _needles;

        public PersonalDataMentions(IEnumerable<string> words, IEnumerable<string> personWords, Compilation compilation, Func<ImmutableArray<string>> attributeMarkedNames) =>
            _needles = new Lazy<Needles>(() => new Needles(words, DeclaresPersonTypes(compilation) ? null : personWords, attributeMarkedNames()));

        /// <summary>False when no block of the member can read a personal-data source (see the file's header).</summary>
        public bool MayReadPersonalData(ImmutableArray<IOperation> blocks)
        {
            foreach (var root in OperationScope.MemberRoots(blocks))
            {
                var syntax = root.Syntax;
                var text = new char[syntax.Span.Length];
                syntax.SyntaxTree.GetText().CopyTo(syntax.Span.Start, text, 0, text.Length);
                if (MayReadPersonalData(text, _needles.Value))
                    return true;
            }

            return false;
        }

        private static bool MayReadPersonalData(char[] text, Needles needles)
        {
            foreach (var name in needles.Identifiers)
            {
                if (ContainsIdentifier(text, name))
                    return true;
            }

            // One pass: an '@' or enough digits where a string literal can be (see PersonalDataLiterals.FewestDigits:
            // after a quote on the same line, anywhere when a verbatim or raw literal can span lines), while the text is
            // lower-cased and its underscores dropped in place for the words.
            var spansLines = new ReadOnlySpan<char>(text).IndexOf("@\"".AsSpan(), StringComparison.Ordinal) >= 0
                || new ReadOnlySpan<char>(text).IndexOf("\"\"\"".AsSpan(), StringComparison.Ordinal) >= 0;
            var afterQuote = spansLines;
            var digits = 0;
            var length = 0;
            foreach (var c in text)
            {
                switch (c)
                {
                    case '@':
                        return true;
                    case '"':
                        afterQuote = true;
                        break;
                    case '\n':
                        afterQuote = spansLines;
                        break;
                    case '_':
                        continue;
                    case >= '0' and <= '9' when afterQuote && ++digits >= PersonalDataLiterals.FewestDigits:
                        return true;
                }

                text[length++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : char.ToLowerInvariant(c);
            }

            var squeezed = new ReadOnlySpan<char>(text, 0, length);
            foreach (var word in needles.Words)
            {
                if (squeezed.IndexOf(word.AsSpan(), StringComparison.Ordinal) >= 0)
                    return true;
            }

            if (squeezed.IndexOf(PersonalDataNames.NameWord.AsSpan(), StringComparison.Ordinal) < 0)
                return false;
            if (needles.PersonWords is null)
                return true;
            foreach (var word in needles.PersonWords)
            {
                if (squeezed.IndexOf(word.AsSpan(), StringComparison.Ordinal) >= 0)
                    return true;
            }

            return false;
        }

        /// <summary>
        /// A type named for a person (PersonalDataNames.NamesPersonType) among the compilation's top-level types or those of
        /// a referenced assembly other than the framework's: its Name is personal wherever it is read.
        /// </summary>
        private static bool DeclaresPersonTypes(Compilation compilation) =>
            compilation.Assembly.TypeNames.Any(PersonalDataNames.NamesPersonType)
            || compilation.SourceModule.ReferencedAssemblySymbols.Any(assembly =>
                !assembly.Name.StartsWith("System", StringComparison.Ordinal) && !assembly.Name.StartsWith("Microsoft", StringComparison.Ordinal)
                && assembly.TypeNames.Any(PersonalDataNames.NamesPersonType));

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

        private static string Squeeze(string word) => word.Replace("_", string.Empty).ToLowerInvariant();

        /// <summary>What a member's text is searched for, once per compilation.</summary>
        private sealed class Needles
        {
            public Needles(IEnumerable<string> words, IEnumerable<string>? personWords, ImmutableArray<string> attributeMarkedNames)
            {
                // Lower-case, without underscores, as a member's text is compared: an identifier's words run together
                // (date_of_birth → dateofbirth), so every term the name rules accept appears whole. A word that contains
                // another is found by the shorter one.
                var squeezed = words.Concat(attributeMarkedNames.Where(name => name.Length >= ShortestWordNeedle))
                    .Select(Squeeze).Where(word => word.Length > 0 && word != PersonalDataNames.NameWord).Distinct(StringComparer.Ordinal).ToList();
                Words = squeezed.Where(word => !squeezed.Any(other => other.Length < word.Length && word.IndexOf(other, StringComparison.Ordinal) >= 0)).ToArray();
                Identifiers = attributeMarkedNames.Where(name => name.Length < ShortestWordNeedle).ToArray();
                PersonWords = personWords?.Select(Squeeze).Distinct(StringComparer.Ordinal).ToArray();
            }

            /// <summary>The words a bare "name" counts beside; null when it counts everywhere (the compilation has person types).</summary>
            public string[]? PersonWords { get; }

            public string[] Words { get; }

            /// <summary>Names personal by attribute that are too short to be looked for as part of a word: whole identifiers, as C# spells them.</summary>
            public string[] Identifiers { get; }
        }
    }
}

// Usage: rules.Mentions.MayReadPersonalData(context.OperationBlocks)   // false: the member reads no personal-data source
// The first, textual step of the personal-data trigger. Every source the trigger looks for shows in the member's own
// text: a personal-data name (customerEmail, date_of_birth, contact.Name), a claim type (ClaimTypes.Email,
// "given_name"), a JSON serialiser call, a literal with an '@' or enough digits for a card, IBAN, SSN or phone number,
// a parameter's or member's personal-data attribute, or the name of a member that is personal by attribute. A member
// whose text holds none of them cannot have a source, so its operations are not walked: most members of most code
// bases, at the cost of a few searches of their text. The bare word "name" is in most members of most code bases
// (functionName, nameof, Name); a bare name is personal only on a person, so it counts only beside a word naming one
// (customer.Name, userName, User.Identity.Name, a claim's "name") or in a compilation that declares a type named for
// a person (Customer.Name read through `var c`).
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.PersonalData
{
    internal sealed class PersonalDataMentions
    {
        // Names this short are looked for as whole identifiers (Identity's Id): as part of a word they are everywhere.
        private const int ShortestWordNeedle = 4;

        private readonly Lazy<Needles> _needles;
        private readonly ConditionalWeakTable<SyntaxTree, string> _texts = new ConditionalWeakTable<SyntaxTree, string>();

        public PersonalDataMentions(IEnumerable<string> words, IEnumerable<string> personWords, Compilation compilation, Func<ImmutableArray<string>> attributeMarkedNames) =>
            _needles = new Lazy<Needles>(() => new Needles(words, personWords, () => DeclaresPersonTypes(compilation), attributeMarkedNames()));

        /// <summary>False when no block of the member can read a personal-data source (see the file's header).</summary>
        public bool MayReadPersonalData(ImmutableArray<IOperation> blocks)
        {
            foreach (var root in OperationScope.MemberRoots(blocks))
            {
                var span = root.Syntax.Span;
                if (MayReadPersonalData(new TextRange(TextOf(root.Syntax.SyntaxTree), span.Start, span.End), _needles.Value))
                    return true;
            }

            return false;
        }

        /// <summary>
        /// The file's text, read once per file: for an ordinary file it is the string the file was parsed from (no copy),
        /// a large file's pieces are joined once, not once per member.
        /// </summary>
        private string TextOf(SyntaxTree tree) => _texts.GetValue(tree, t => t.GetText().ToString());

        private static bool MayReadPersonalData(TextRange text, Needles needles)
        {
            if (text.IndexOf("@") >= 0 || DigitsInLiterals(text) >= PersonalDataLiterals.FewestDigits)
                return true;
            foreach (var name in needles.Identifiers)
            {
                if (ContainsIdentifier(text, name))
                    return true;
            }

            // The words are compared lower-case and without underscores. Text without an underscore inside a word is
            // searched as it is, ignoring case; text with one (date_of_birth, E_MAIL) is first copied without them.
            if (HasUnderscoreInsideAWord(text))
            {
                var squeezed = Squeeze(text.ToString());
                text = new TextRange(squeezed, 0, squeezed.Length);
            }

            if (ContainsAny(text, needles.Words))
                return true;
            return text.IndexOf(PersonalDataNames.NameWord) >= 0 && (ContainsAny(text, needles.PersonWords) || needles.PersonTypesDeclared);
        }

        private static bool ContainsAny(TextRange text, string[] words)
        {
            foreach (var word in words)
            {
                if (text.IndexOf(word) >= 0)
                    return true;
            }

            return false;
        }

        /// <summary>
        /// Digits that can be inside a string literal: after a quote on the same line, or anywhere when the text has a
        /// literal that can span lines (verbatim or raw). Only the lines with a quote are read character by character.
        /// </summary>
        private static int DigitsInLiterals(TextRange text)
        {
            if (text.IndexOf("@\"") >= 0 || text.IndexOf("\"\"\"") >= 0)
                return CountDigits(text.Text, text.Start, text.End);
            var digits = 0;
            for (var quote = text.IndexOf("\"", text.Start); quote >= 0 && digits < PersonalDataLiterals.FewestDigits; )
            {
                var lineEnd = text.IndexOf("\n", quote);
                var end = lineEnd < 0 ? text.End : lineEnd;
                digits += CountDigits(text.Text, quote + 1, end);
                quote = lineEnd < 0 ? -1 : text.IndexOf("\"", lineEnd);
            }

            return digits;
        }

        private static int CountDigits(string text, int start, int end)
        {
            var digits = 0;
            for (var i = start; i < end; i++)
            {
                if (text[i] >= '0' && text[i] <= '9')
                    digits++;
            }

            return digits;
        }

        private static bool HasUnderscoreInsideAWord(TextRange text)
        {
            for (var at = text.IndexOf("_", text.Start); at >= 0; at = text.IndexOf("_", at + 1))
            {
                if (at > text.Start && at + 1 < text.End && char.IsLetterOrDigit(text.Text[at - 1]) && char.IsLetterOrDigit(text.Text[at + 1]))
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
                !FrameworkNames.Contains(assembly.Name) && assembly.TypeNames.Any(PersonalDataNames.NamesPersonType));

        /// <summary>The identifier as a whole word (<c>user.Id</c>, not <c>Identity</c>), as C# spells it (case-sensitive).</summary>
        private static bool ContainsIdentifier(TextRange text, string name)
        {
            for (var at = text.IndexOfExact(name, text.Start); at >= 0; at = text.IndexOfExact(name, at + 1))
            {
                var end = at + name.Length;
                if ((at == text.Start || !IsIdentifierChar(text.Text[at - 1])) && (end == text.End || !IsIdentifierChar(text.Text[end])))
                    return true;
            }

            return false;
        }

        private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

        private static string Squeeze(string word) => word.Replace("_", string.Empty).ToLowerInvariant();

        /// <summary>A member's part of its file's text.</summary>
        private readonly struct TextRange
        {
            public TextRange(string text, int start, int end)
            {
                Text = text;
                Start = start;
                End = end;
            }

            public string Text { get; }

            public int Start { get; }

            public int End { get; }

            /// <summary>Where <paramref name="value"/> first is in the range, ignoring case; -1 when it is not.</summary>
            public int IndexOf(string value) => IndexOf(value, Start);

            public int IndexOf(string value, int from) =>
                from >= End ? -1 : Text.IndexOf(value, from, End - from, StringComparison.OrdinalIgnoreCase);

            public int IndexOfExact(string value, int from) =>
                from >= End ? -1 : Text.IndexOf(value, from, End - from, StringComparison.Ordinal);

            public override string ToString() => Text.Substring(Start, End - Start);
        }

        /// <summary>What a member's text is searched for, once per compilation.</summary>
        private sealed class Needles
        {
            public Needles(IEnumerable<string> words, IEnumerable<string> personWords, Func<bool> personTypesDeclared, ImmutableArray<string> attributeMarkedNames)
            {
                // Lower-case, without underscores, as a member's text is compared: an identifier's words run together
                // (date_of_birth → dateofbirth), so every term the name rules accept appears whole. A word that contains
                // another is found by the shorter one.
                var squeezed = words.Concat(attributeMarkedNames.Where(name => name.Length >= ShortestWordNeedle))
                    .Select(Squeeze).Where(word => word.Length > 0 && word != PersonalDataNames.NameWord).Distinct(StringComparer.Ordinal).ToList();
                Words = squeezed.Where(word => !squeezed.Any(other => other.Length < word.Length && word.IndexOf(other, StringComparison.Ordinal) >= 0)).ToArray();
                Identifiers = attributeMarkedNames.Where(name => name.Length < ShortestWordNeedle).ToArray();
                PersonWords = personWords.Select(Squeeze).Distinct(StringComparer.Ordinal).ToArray();
                _personTypesDeclared = new Lazy<bool>(personTypesDeclared);
            }

            private readonly Lazy<bool> _personTypesDeclared;

            /// <summary>The words a bare "name" counts beside.</summary>
            public string[] PersonWords { get; }

            /// <summary>A bare "name" counts everywhere: the compilation can see a type named for a person (asked only of a member that says "name" and no person word).</summary>
            public bool PersonTypesDeclared => _personTypesDeclared.Value;

            public string[] Words { get; }

            /// <summary>Names personal by attribute that are too short to be looked for as part of a word: whole identifiers, as C# spells them.</summary>
            public string[] Identifiers { get; }
        }
    }
}

// Usage: Diagnostic.Create(rule, location, FindingIdentity.Properties(rule.Id, context.ContainingSymbol, node, location.SourceSpan), message)
// A finding's stable identity, carried in Diagnostic.Properties under "ShiftLeftIdentity" (the compiler writes it to
// SARIF as result.properties.customProperties.ShiftLeftIdentity; the portal keys findings and their triage on it):
//   <rule>|<assembly>|<enclosing member's documentation ID>|<16 hex digits of SHA-256 over the flagged code's tokens>
// Neither the message, the line, the file nor the layout is in it: a reworded message, code added above, a method moved
// to another file of its project, or a reformatted call keeps the finding. The flagged code is its tokens joined without
// trivia (whitespace and comments); a model call's is what is called (receiver and method), so new arguments — a guarded
// or reworded prompt — keep the finding too. The assembly name keeps apart the same member in two projects of one repository
// (every top-level program is Program.<Main>$). Two identical calls in one member share a key; the portal numbers them.
using System;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class FindingIdentity
    {
        /// <summary>The Diagnostic.Properties key of the identity.</summary>
        public const string PropertyName = "ShiftLeftIdentity";

        /// <summary>Properties carrying the identity of a finding at <paramref name="span"/> (within <paramref name="node"/>) in <paramref name="member"/>.</summary>
        public static ImmutableDictionary<string, string?> Properties(string ruleId, ISymbol? member, SyntaxNode node, TextSpan span) =>
            ImmutableDictionary<string, string?>.Empty.Add(PropertyName, Of(ruleId, member, node, span));

        public static string Of(string ruleId, ISymbol? member, SyntaxNode node, TextSpan span)
        {
            // A lambda or local function has no documentation ID: the member it is written in stands for it.
            while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                member = member.ContainingSymbol;
            }

            var code = new StringBuilder();
            foreach (var token in node.DescendantTokens(span))
            {
                if (span.Contains(token.Span))
                {
                    code.Append(token.Text);
                }
            }

            return Compose(ruleId, member?.ContainingAssembly?.Name, member?.GetDocumentationCommentId(), code.ToString());
        }

        /// <summary>The identity of a finding without a place in source (a configured name): the part it is about stands for the member and the code.</summary>
        public static string Of(string ruleId, string? assembly, string subject, string text) => Compose(ruleId, assembly, subject, text);

        private static string Compose(string ruleId, string? assembly, string? member, string code) =>
            ruleId + "|" + (assembly ?? "") + "|" + (member ?? "") + "|" + Hash(code);

        private static string Hash(string text)
        {
            using var sha = SHA256.Create();
            var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
            var hex = new StringBuilder(16);
            for (var i = 0; i < 8; i++)
            {
                hex.Append(digest[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }
    }
}

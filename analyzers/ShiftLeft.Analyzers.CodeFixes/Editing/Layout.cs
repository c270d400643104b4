// Usage: small facts about how a file is written, so inserted code looks like its neighbours.
//   Layout.Indentation(statement)        // the whitespace that starts the node's line
//   Layout.LineBreak(trivia)             // the first end of line in the trivia (LF or CRLF, as the file has it), if any
//   Layout.Identifier(symbol.Name)       // a name as code: @event for a keyword
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ShiftLeft.Analyzers.CodeFixes.Editing
{
    internal static class Layout
    {
        public static SyntaxTriviaList Indentation(SyntaxNode node) =>
            SyntaxFactory.TriviaList(node.GetLeadingTrivia().Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());

        public static SyntaxTrivia? LineBreak(System.Collections.Generic.IEnumerable<SyntaxTrivia> trivia)
        {
            foreach (var item in trivia)
            {
                if (item.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return item;
                }
            }

            return null;
        }

        public static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}

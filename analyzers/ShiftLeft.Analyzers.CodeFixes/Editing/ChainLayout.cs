// Usage: appending calls to a fluent chain the way its author wrote it.
//   var layout = ChainLayout.Of(builderExpression);              // read from the ORIGINAL node
//   var edited = layout.Append(current, "UseLogging", args);     // builder.UseLogging(args), or on its own line
// A chain written one call per line gets the new call on its own line with the same indentation; a chain on one
// line stays on one line. Nothing is reformatted, so the rest of the chain keeps its layout.
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ShiftLeft.Analyzers.CodeFixes.Editing
{
    internal readonly struct ChainLayout
    {
        private readonly SyntaxTriviaList _lineBreak;
        private readonly SyntaxTriviaList _indentation;

        private ChainLayout(SyntaxTriviaList lineBreak, SyntaxTriviaList indentation)
        {
            _lineBreak = lineBreak;
            _indentation = indentation;
        }

        private bool IsMultiLine => _lineBreak.Count > 0;

        /// <summary>
        /// The layout of the chain <paramref name="target"/> ends or continues: multi-line when the member access after
        /// it (<c>target⏎    .Build()</c>) or its own last member access (<c>x⏎    .AddChatClient()</c>) starts a line.
        /// </summary>
        public static ChainLayout Of(ExpressionSyntax target)
        {
            if (target.Parent is MemberAccessExpressionSyntax following && following.Expression == target
                && StartsLine(following.OperatorToken, out var lineBreak))
            {
                return new ChainLayout(lineBreak, following.OperatorToken.LeadingTrivia);
            }

            if (target is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax own }
                && StartsLine(own.OperatorToken, out lineBreak))
            {
                return new ChainLayout(lineBreak, own.OperatorToken.LeadingTrivia);
            }

            return default;
        }

        /// <summary><paramref name="target"/><c>.name(arguments)</c>, laid out like the original chain.</summary>
        public ExpressionSyntax Append(ExpressionSyntax target, string name, ArgumentListSyntax arguments)
        {
            var trailing = target.GetTrailingTrivia();
            var dot = SyntaxFactory.Token(SyntaxKind.DotToken);
            ExpressionSyntax receiver;
            if (IsMultiLine)
            {
                // The target keeps (or gets) a line break; the new call starts its own line with the chain's indentation.
                receiver = HasLineBreak(trailing) ? target : target.WithTrailingTrivia(_lineBreak);
                dot = dot.WithLeadingTrivia(_indentation);
            }
            else
            {
                receiver = target.WithoutTrailingTrivia();
            }

            var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(receiver), dot, SyntaxFactory.IdentifierName(name)),
                arguments);
            return call.WithTrailingTrivia(trailing);
        }

        private static bool StartsLine(SyntaxToken token, out SyntaxTriviaList lineBreak)
        {
            var previous = token.GetPreviousToken();
            lineBreak = previous.TrailingTrivia;
            return HasLineBreak(previous.TrailingTrivia);
        }

        private static bool HasLineBreak(SyntaxTriviaList trivia) => Layout.LineBreak(trivia) is not null;

        /// <summary>Casts, awaits, conditionals and the like need parentheses before a member access; primary expressions do not.</summary>
        private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax or BaseExpressionSyntax
                or ObjectCreationExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression.WithoutTrailingTrivia()).WithTrailingTrivia(expression.GetTrailingTrivia());
    }
}

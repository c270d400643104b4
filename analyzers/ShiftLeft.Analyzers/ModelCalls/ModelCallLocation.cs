using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>Where a model-call finding is reported: the method name through the argument list (<c>CompleteChatAsync(messages)</c>), not the whole receiver chain.</summary>
    internal static class ModelCallLocation
    {
        public static Location Of(IInvocationOperation invocation)
        {
            if (invocation.Syntax is InvocationExpressionSyntax syntax)
            {
                var start = syntax.Expression is MemberAccessExpressionSyntax member ? member.Name.SpanStart : syntax.Expression.SpanStart;
                return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, syntax.Span.End));
            }

            return invocation.Syntax.GetLocation();
        }

        /// <summary>
        /// A model-call finding's identity, keyed on what is called (receiver and method, <c>chat.CompleteChatAsync</c>), not
        /// on its arguments: guarding or rewording the prompt is the same call, and its finding keeps its triage (the
        /// portal numbers identical calls).
        /// </summary>
        public static System.Collections.Immutable.ImmutableDictionary<string, string?> Identity(DiagnosticDescriptor rule, ISymbol containingSymbol, IInvocationOperation invocation) =>
            Infrastructure.FindingIdentity.Properties(rule.Id, containingSymbol, invocation.Syntax,
                invocation.Syntax is InvocationExpressionSyntax syntax ? syntax.Expression.Span : Of(invocation).SourceSpan);
    }
}

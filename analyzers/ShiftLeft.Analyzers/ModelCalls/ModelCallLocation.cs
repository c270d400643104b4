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
    }
}

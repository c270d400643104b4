using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// The identity of a finding on a model call (SL0001, SL0002, SL0010): keyed on what is called (receiver and method,
    /// <c>chat.CompleteChatAsync</c>), not on its arguments, so guarding or rewording the prompt or passing other settings
    /// is the same call and its finding keeps its triage (the portal numbers identical calls).
    /// </summary>
    internal static class ModelCallIdentity
    {
        public static ImmutableDictionary<string, string?> Properties(DiagnosticDescriptor rule, ISymbol? member, IOperation call, Location location) =>
            FindingIdentity.Properties(rule.Id, member, call.Syntax,
                call.Syntax is InvocationExpressionSyntax invocation ? invocation.Expression.Span : location.SourceSpan);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// A middleware delegate hands the request on to the next layer: <c>innerAgent.RunAsync(messages, …)</c> inside an
    /// agent middleware (a lambda, local function or method given to AIAgentBuilder.Use), <c>innerClient.GetResponseAsync</c>
    /// inside a ChatClientBuilder.Use delegate. That call forwards what the application's call sent; the application's
    /// call is the finding, as for a DelegatingChatClient subclass.
    /// </summary>
    internal static class MiddlewareForwarding
    {
        /// <summary>
        /// The call's receiver is a parameter of the enclosing function that comes after a messages parameter: the
        /// middleware delegate shapes (messages, options, innerClient, cancellationToken) and (messages, session,
        /// options, innerAgent, cancellationToken). A service method takes its client first.
        /// </summary>
        public static bool IsForwardedByMiddleware(in ModelCall call, ShiftLeftCompilation shiftLeft)
        {
            if (call.Receiver is null || OperationScope.Unwrap(call.Receiver) is not IParameterReferenceOperation { Parameter: var inner }
                || inner.ContainingSymbol is not IMethodSymbol function)
            {
                return false;
            }

            var symbols = shiftLeft.Symbols;
            if (!TypeRelations.DerivesFrom(inner.Type, symbols.AIAgent) && !TypeRelations.Implements(inner.Type, symbols.IChatClient))
            {
                return false;
            }

            foreach (var parameter in function.Parameters)
            {
                if (parameter.Ordinal >= inner.Ordinal)
                {
                    return false;
                }

                if (IsMessages(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsMessages(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && named.TypeArguments[0].Name == "ChatMessage"
            && named.TypeArguments[0].ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.AI";
    }
}

using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// Whether the compilation registers its Microsoft.Extensions.AI clients in DI with logging or a guardrail:
    /// <c>services.AddChatClient(...).UseLogging()</c>, <c>AddChatClient(sp =&gt; new ChatClientBuilder(x).UseOpenTelemetry().Build())</c>.
    /// Computed once per compilation and only when an injected client is met. Syntax only (no semantic model of other
    /// files): the registration names are distinctive, guardrail names are checked against the configured and
    /// [Guardrail]-marked symbols by name.
    /// </summary>
    internal sealed class ServiceRegistrations
    {
        private ServiceRegistrations(bool hasLogging, bool hasGuardrail)
        {
            HasLogging = hasLogging;
            HasGuardrail = hasGuardrail;
        }

        public bool HasLogging { get; }
        public bool HasGuardrail { get; }

        public static ServiceRegistrations Scan(ShiftLeftCompilation shiftLeft)
        {
            var hasLogging = false;
            var hasGuardrail = false;
            foreach (var tree in shiftLeft.Compilation.SyntaxTrees)
            {
                // Cheap text check first: only files that mention a registration method are walked.
                if (!MentionsRegistration(tree.GetText()))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation || !IsRegistration(invocation))
                    {
                        continue;
                    }

                    // The registration's arguments (factory lambdas) and the fluent chain hanging off it.
                    SyntaxNode chain = invocation;
                    while (chain.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer })
                    {
                        chain = outer;
                    }

                    foreach (var part in chain.DescendantNodesAndSelf())
                    {
                        var name = part switch
                        {
                            InvocationExpressionSyntax call => InvokedName(call),
                            ObjectCreationExpressionSyntax creation => LastIdentifier(creation.Type),
                            _ => null,
                        };
                        if (name is null)
                        {
                            continue;
                        }

                        hasLogging |= name is "UseLogging" or "UseOpenTelemetry" or "LoggingChatClient" or "OpenTelemetryChatClient";
                        hasGuardrail |= IsGuardrailName(shiftLeft, name);
                    }
                }
            }

            return new ServiceRegistrations(hasLogging, hasGuardrail);
        }

        private static bool MentionsRegistration(SourceText text)
        {
            return Contains(text, "AddChatClient") || Contains(text, "AddKeyedChatClient")
                || Contains(text, "AddEmbeddingGenerator") || Contains(text, "AddKeyedEmbeddingGenerator");
        }

        private static bool Contains(SourceText text, string value)
        {
            var last = text.Length - value.Length;
            for (var start = 0; start <= last; start++)
            {
                var index = 0;
                while (index < value.Length && text[start + index] == value[index])
                {
                    index++;
                }

                if (index == value.Length)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRegistration(InvocationExpressionSyntax invocation) =>
            InvokedName(invocation) is "AddChatClient" or "AddKeyedChatClient" or "AddEmbeddingGenerator" or "AddKeyedEmbeddingGenerator";

        private static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static string? LastIdentifier(TypeSyntax type) => type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => null,
        };

        private static bool IsGuardrailName(ShiftLeftCompilation shiftLeft, string name)
        {
            foreach (var entry in shiftLeft.Options.GuardrailMethods.Entries)
            {
                if (entry == name || entry.EndsWith("." + name, System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            if (!SyntaxFacts.IsValidIdentifier(name) || !shiftLeft.Compilation.ContainsSymbolsWithName(name, SymbolFilter.TypeAndMember))
            {
                return false;
            }

            return shiftLeft.Compilation.GetSymbolsWithName(name, SymbolFilter.TypeAndMember).Any(symbol => symbol switch
            {
                IMethodSymbol method => shiftLeft.Guardrails.IsGuardrailMethod(method),
                ITypeSymbol type => shiftLeft.Guardrails.IsGuardrailType(type),
                _ => false,
            });
        }
    }
}

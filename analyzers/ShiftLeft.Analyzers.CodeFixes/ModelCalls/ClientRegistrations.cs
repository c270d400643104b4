using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// The project's DI registrations of an injected Microsoft.Extensions.AI client: the non-keyed
    /// <c>AddChatClient(…)</c> / <c>AddEmbeddingGenerator(…)</c> calls returning the builder DI builds the client from
    /// (with the container as its service provider), and whether that container can supply an <c>ILoggerFactory</c>.
    /// </summary>
    internal sealed class ClientRegistrations
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Project, Task<bool>> ContainerLogging = new();

        private static readonly string[] HostFactories =
        {
            // Each of these registers logging (ILoggerFactory) in the container it builds.
            "AddLogging", "CreateBuilder", "CreateApplicationBuilder", "CreateDefaultBuilder", "CreateSlimBuilder",
        };

        private ClientRegistrations(List<(Document Document, SemanticModel Model, InvocationExpressionSyntax Call, ITypeSymbol Builder)> calls)
        {
            Calls = calls;
        }

        public List<(Document Document, SemanticModel Model, InvocationExpressionSyntax Call, ITypeSymbol Builder)> Calls { get; }

        /// <summary>The registrations DI resolves a client of <paramref name="clientType"/> from (IChatClient, or IEmbeddingGenerator&lt;TInput, TEmbedding&gt;).</summary>
        public static async Task<ClientRegistrations> FindAsync(Project project, ITypeSymbol clientType, CancellationToken cancellationToken)
        {
            var registration = clientType.Name == "IChatClient" ? "AddChatClient" : "AddEmbeddingGenerator";
            var calls = new List<(Document, SemanticModel, InvocationExpressionSyntax, ITypeSymbol)>();
            foreach (var document in project.Documents)
            {
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (text.ToString().IndexOf(registration, StringComparison.Ordinal) < 0
                    || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root
                    || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
                {
                    continue;
                }

                foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (InvokedName(call) == registration
                        && model.GetOperation(call, cancellationToken) is IInvocationOperation { TargetMethod.ReturnType: INamedTypeSymbol builder }
                        && BuildsClient(builder, clientType))
                    {
                        calls.Add((document, model, call, builder));
                    }
                }
            }

            return new ClientRegistrations(calls);
        }

        /// <summary>
        /// True when the project references Microsoft.Extensions.Logging and builds a host or calls <c>AddLogging</c>:
        /// then the container DI builds the client with holds an ILoggerFactory, and <c>UseLogging()</c> finds it.
        /// </summary>
        public static Task<bool> ContainerHasLoggingAsync(Project project, Compilation compilation) =>
            // Asked for every light bulb on an injected or DI-built client: the project's files are read once per
            // snapshot (not cancellable, so one cancelled request cannot leave a cancelled answer behind).
            ContainerLogging.GetValue(project, _ => ScanForLoggingAsync(project, compilation, CancellationToken.None));

        private static async Task<bool> ScanForLoggingAsync(Project project, Compilation compilation, CancellationToken cancellationToken)
        {
            if (compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions") is null)
            {
                return false;
            }

            foreach (var document in project.Documents)
            {
                var text = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                if (!HostFactories.Any(name => text.IndexOf(name, StringComparison.Ordinal) >= 0)
                    || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
                {
                    continue;
                }

                if (root.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => InvokedName(call) is { } name && HostFactories.Contains(name)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool BuildsClient(INamedTypeSymbol builder, ITypeSymbol clientType) =>
            clientType.Name == "IChatClient"
                ? builder.Name == "ChatClientBuilder"
                : builder.Name == "EmbeddingGeneratorBuilder" && clientType is INamedTypeSymbol generator
                    && builder.TypeArguments.SequenceEqual<ITypeSymbol>(generator.TypeArguments, SymbolEqualityComparer.Default);

        private static string? InvokedName(InvocationExpressionSyntax call) => call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
    }
}

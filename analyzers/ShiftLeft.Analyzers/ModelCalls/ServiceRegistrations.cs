using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ShiftLeft.Analyzers.Consumption;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>
    /// What the compilation registers in DI for the model clients it injects: Microsoft.Extensions.AI clients with
    /// logging or a guardrail (<c>services.AddChatClient(...).UseLogging()</c>,
    /// <c>AddChatClient(sp =&gt; new ChatClientBuilder(x).UseOpenTelemetry().Build())</c>), and for Semantic Kernel
    /// kernels (<c>services.AddKernel()</c>) a container with logging (<c>AddLogging</c>, or a host builder, which adds
    /// it) and the filters registered in it (<c>AddSingleton&lt;IPromptRenderFilter, PiiFilter&gt;()</c>).
    /// Computed once per compilation and only when an injected client is met. Syntax first (no semantic model of
    /// other files): the registration names are distinctive; guardrail names are checked against the configured and
    /// [Guardrail]-marked symbols by name, filter types are looked up by name and read once.
    /// </summary>
    internal sealed class ServiceRegistrations
    {
        private static readonly string[] FilterInterfaces = { "IFunctionInvocationFilter", "IPromptRenderFilter", "IAutoFunctionInvocationFilter" };

        private readonly LayerBehaviour _chatClients;
        private readonly LayerBehaviour _kernels;
        private readonly LayerBehaviour _kernelServices;

        private ServiceRegistrations(LayerBehaviour chatClients, LayerBehaviour kernels, LayerBehaviour kernelServices, ChatClientRegistrations chatClientPipelines)
        {
            _chatClients = chatClients;
            _kernels = kernels;
            _kernelServices = kernelServices;
            ChatClients = chatClientPipelines;
        }

        /// <summary>What the chat-client registrations' pipelines do beyond logging and guarding (SL0010).</summary>
        public ChatClientRegistrations ChatClients { get; }

        /// <summary>Whether an injected client, kernel, chat service or agent of this kind is logged or guarded by its registration.</summary>
        public LayerBehaviour Of(PipelineKind kind) => kind switch
        {
            PipelineKind.Kernel => _kernels,
            PipelineKind.KernelService => _kernelServices,
            _ => _chatClients, // an agent runs on a chat client
        };

        public static ServiceRegistrations Scan(ShiftLeftCompilation shiftLeft, MiddlewareBehaviour layers)
        {
            var hasLogging = false;
            var hasGuardrail = false;
            var registersKernel = false;
            var containerLogs = false;
            var filters = new LayerBehaviour(false, false);
            var registersChatClients = false;
            var boundsOutput = false;
            var factories = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
            var pendingFactories = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
            var pendingLocals = new System.Collections.Generic.HashSet<(SyntaxNode Body, string Name)>();
            var readLocals = new System.Collections.Generic.HashSet<(SyntaxNode Body, string Name)>();

            void ReadChain(SyntaxNode chain)
            {
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
                    boundsOutput |= name == "ConfigureOptions" && part is InvocationExpressionSyntax configure && AssignsLimit(configure.ArgumentList);
                    hasGuardrail |= IsGuardrailName(shiftLeft, name);
                }

                switch (BuilderDestination(chain))
                {
                    case ReturnStatementSyntax or ArrowExpressionClauseSyntax when EnclosingMethodName(chain) is { } factory && factories.Add(factory):
                        pendingFactories.Add(factory);
                        break;
                    case VariableDeclaratorSyntax local when EnclosingBody(local) is { } body && readLocals.Add((body, local.Identifier.ValueText)):
                        pendingLocals.Add((body, local.Identifier.ValueText));
                        break;
                }
            }

            foreach (var tree in shiftLeft.Compilation.SyntaxTrees)
            {
                // Text first (an ordinal search of each file, no syntax): only files that name a registration are walked,
                // and whether the container logs is a matter of names alone.
                var text = tree.GetText().ToString();
                var chatClients = Mentions(text, "AddChatClient") || Mentions(text, "AddKeyedChatClient") || Mentions(text, "AddEmbeddingGenerator") || Mentions(text, "AddKeyedEmbeddingGenerator");
                var kernelFilters = Mentions(text, "FunctionInvocationFilter") || Mentions(text, "PromptRenderFilter");
                registersKernel |= Mentions(text, "AddKernel(") || Mentions(text, "<Kernel>");
                containerLogs |= Mentions(text, "AddLogging(") || Mentions(text, "WebApplication.CreateBuilder(") || Mentions(text, "WebApplication.CreateSlimBuilder(")
                    || Mentions(text, "Host.CreateApplicationBuilder(") || Mentions(text, "Host.CreateDefaultBuilder(");
                if (!chatClients && !kernelFilters)
                {
                    continue;
                }

                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation)
                    {
                        continue;
                    }

                    registersKernel |= IsKernelSingleton(invocation);
                    if (kernelFilters && RegisteredFilterName(invocation) is { } filterName)
                    {
                        filters = filters.Or(FilterBehaviour(shiftLeft, layers, filterName));
                    }

                    if (!chatClients || !IsRegistration(invocation))
                    {
                        continue;
                    }

                    // The registration's arguments (factory lambdas) and the fluent chain hanging off it.
                    registersChatClients = true;
                    ReadChain(ChainTop(invocation));
                }
            }

            // A registration's builder handed on: returned by a helper (eShopSupport's AddOpenAIChatClient) or kept in a
            // local, and given its layers there (chatClientBuilder.UseFunctionInvocation().UseOpenTelemetry()).
            for (var round = 0; round < MaxBuilderHandOffs && (pendingLocals.Count > 0 || pendingFactories.Count > 0); round++)
            {
                foreach (var (body, name) in pendingLocals.ToArray())
                {
                    pendingLocals.Remove((body, name));
                    foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
                    {
                        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } && receiver.Identifier.ValueText == name)
                        {
                            ReadChain(ChainTop(invocation));
                        }
                    }

                    foreach (var returned in body.DescendantNodes().OfType<ReturnStatementSyntax>())
                    {
                        if (returned.Expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name && EnclosingMethodName(returned) is { } factory && factories.Add(factory))
                        {
                            pendingFactories.Add(factory);
                        }
                    }
                }

                foreach (var factory in pendingFactories.ToArray())
                {
                    pendingFactories.Remove(factory);
                    foreach (var tree in shiftLeft.Compilation.SyntaxTrees)
                    {
                        if (!Mentions(tree.GetText().ToString(), factory))
                        {
                            continue;
                        }

                        foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
                        {
                            if (InvokedName(invocation) == factory)
                            {
                                ReadChain(ChainTop(invocation));
                            }
                        }
                    }
                }
            }

            var kernelLogs = registersKernel && containerLogs;
            return new ServiceRegistrations(
                new LayerBehaviour(hasLogging, hasGuardrail),
                new LayerBehaviour(kernelLogs || (registersKernel && filters.Logs), registersKernel && filters.Guards),
                new LayerBehaviour(kernelLogs, false),
                new ChatClientRegistrations(registersChatClients, boundsOutput));
        }

        // Hand-offs followed from a registration to where its builder gets its layers: helper to helper to local is three.
        private const int MaxBuilderHandOffs = 4;

        /// <summary>The outermost call of the fluent chain <paramref name="invocation"/> starts.</summary>
        private static SyntaxNode ChainTop(InvocationExpressionSyntax invocation)
        {
            SyntaxNode chain = invocation;
            while (chain.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer })
            {
                chain = outer;
            }

            return chain;
        }

        /// <summary>Where a chain's value goes, through parentheses, casts and either arm of a conditional: a return or a local.</summary>
        private static SyntaxNode? BuilderDestination(SyntaxNode chain)
        {
            var node = chain;
            while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or ConditionalExpressionSyntax)
            {
                if (node.Parent is ConditionalExpressionSyntax conditional && conditional.Condition == node)
                {
                    return null;
                }

                node = node.Parent;
            }

            return node.Parent switch
            {
                ReturnStatementSyntax or ArrowExpressionClauseSyntax => node.Parent,
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax local } => local,
                _ => null,
            };
        }

        private static string? EnclosingMethodName(SyntaxNode node) => node.Ancestors().FirstOrDefault(a => a is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax) switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            LocalFunctionStatementSyntax local => local.Identifier.ValueText,
            _ => null, // a lambda's builder is its caller's business (AddChatClient(sp => …) is read as a registration)
        };

        private static SyntaxNode? EnclosingBody(SyntaxNode node) =>
            node.Ancestors().FirstOrDefault(a => a is BlockSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax } or CompilationUnitSyntax);

        /// <summary><c>o =&gt; o.MaxOutputTokens = 500</c> (by name: this scan reads syntax only).</summary>
        private static bool AssignsLimit(SyntaxNode node) =>
            node.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment => assignment.Left switch
            {
                MemberAccessExpressionSyntax member => OutputLimits.IsLimitProperty(member.Name.Identifier.ValueText),
                IdentifierNameSyntax identifier => OutputLimits.IsLimitProperty(identifier.Identifier.ValueText),
                _ => false,
            });

        private static bool Mentions(string text, string value) => text.IndexOf(value, System.StringComparison.Ordinal) >= 0;

        private static bool IsKernelSingleton(InvocationExpressionSyntax invocation) =>
            InvokedName(invocation) is "AddSingleton" or "AddScoped" or "AddTransient"
            && invocation.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { TypeArgumentList.Arguments.Count: > 0 } generic }
            && LastIdentifier(generic.TypeArgumentList.Arguments[0]) == "Kernel";

        /// <summary>The implementation named by a filter registration: <c>AddSingleton&lt;IPromptRenderFilter, PiiFilter&gt;()</c> or <c>AddSingleton&lt;IPromptRenderFilter&gt;(sp =&gt; new PiiFilter(...))</c>.</summary>
        private static string? RegisteredFilterName(InvocationExpressionSyntax invocation)
        {
            if (InvokedName(invocation) is not ("AddSingleton" or "AddScoped" or "AddTransient" or "AddKeyedSingleton" or "AddKeyedScoped" or "AddKeyedTransient")
                || invocation.Expression is not MemberAccessExpressionSyntax { Name: GenericNameSyntax generic }
                || generic.TypeArgumentList.Arguments.Count == 0
                || System.Array.IndexOf(FilterInterfaces, LastIdentifier(generic.TypeArgumentList.Arguments[0])) < 0)
            {
                return null;
            }

            if (generic.TypeArgumentList.Arguments.Count > 1)
            {
                return LastIdentifier(generic.TypeArgumentList.Arguments[1]);
            }

            foreach (var creation in invocation.ArgumentList.DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
            {
                return LastIdentifier(creation.Type);
            }

            return null;
        }

        private static LayerBehaviour FilterBehaviour(ShiftLeftCompilation shiftLeft, MiddlewareBehaviour layers, string name)
        {
            var found = new LayerBehaviour(false, false);
            if (!SyntaxFacts.IsValidIdentifier(name) || !shiftLeft.Compilation.ContainsSymbolsWithName(name, SymbolFilter.Type))
            {
                return found;
            }

            foreach (var symbol in shiftLeft.Compilation.GetSymbolsWithName(name, SymbolFilter.Type))
            {
                if (symbol is ITypeSymbol type)
                {
                    found = found.Or(layers.OfType(type) ?? default);
                    found = found.Or(new LayerBehaviour(false, shiftLeft.Guardrails.IsGuardrailType(type)));
                }
            }

            return found;
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

    /// <summary>What the compilation's chat-client registrations (<c>services.AddChatClient(...)</c> and the chain on it) add.</summary>
    internal readonly struct ChatClientRegistrations
    {
        public ChatClientRegistrations(bool any, bool boundsOutput)
        {
            Any = any;
            BoundsOutput = boundsOutput;
        }

        /// <summary>The compilation registers chat clients at all (an injected client is then one of them).</summary>
        public bool Any { get; }

        /// <summary>A registration limits the output: <c>.ConfigureOptions(o =&gt; o.MaxOutputTokens = 500)</c>.</summary>
        public bool BoundsOutput { get; }
    }
}

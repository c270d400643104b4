// Usage: shiftLeft.InProcess.Of(type)   // InProcess, Remote or Neither (cached per type)
// Models that run inside the application's own process. A call on one sends nothing off the process: no model operator
// sees the prompt (SL0004 does not apply) and an embedding computed there is a local vectorisation, not a disclosure an
// audit needs (SL0001 does not apply to it). Generative calls stay under SL0001 and SL0002: the output still drives the
// application and prompt injection does not depend on where the model runs.
// In-process means the client types of in-process inference runtimes (the catalogue below, extended by
// `shiftleft.in_process_model_types`), never an HTTP client — Ollama or LM Studio on localhost included: where a
// server runs is configuration, not code.
using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ShiftLeft.Analyzers.Infrastructure
{
    /// <summary>Where a type met in a model client's construction runs the model.</summary>
    internal enum ModelRuntime
    {
        /// <summary>Not a model client or runtime (a logger, a layer, a plugin, an option).</summary>
        Neither,

        /// <summary>An in-process inference runtime or a client over one.</summary>
        InProcess,

        /// <summary>A client of a model served elsewhere (an HTTP API, whatever its address).</summary>
        Remote,
    }

    internal sealed class InProcessModels
    {
        /// <summary>
        /// The in-process runtimes: a namespace (every type in it and its sub-namespaces) or a full type name (it and the
        /// types deriving from it).
        /// </summary>
        public static readonly ImmutableArray<string> Catalogue = ImmutableArray.Create(
            // LLamaSharp: llama.cpp in the process (executors, LLamaWeights, its IChatClient adapter).
            "LLama",
            // LLamaSharp.semantic-kernel and LLamaSharp.kernel-memory: the Semantic Kernel services over a LLamaSharp executor.
            "LLamaSharp.SemanticKernel",
            "LLamaSharp.KernelMemory",
            // ONNX Runtime GenAI (Model, Generator, OnnxRuntimeGenAIChatClient).
            "Microsoft.ML.OnnxRuntimeGenAI",
            // Semantic Kernel's ONNX connector (BertOnnxTextEmbeddingGenerationService, OnnxRuntimeGenAIChatCompletionService)
            // and its registration extensions, which create those services.
            "Microsoft.SemanticKernel.Connectors.Onnx",
            "Microsoft.SemanticKernel.OnnxKernelBuilderExtensions",
            "Microsoft.SemanticKernel.OnnxServiceCollectionExtensions",
            // SmartComponents' local embeddings (LocalEmbedder, LocalTextEmbeddingGenerationService).
            "SmartComponents.LocalEmbeddings");

        /// <summary>SDKs of models served elsewhere whose client objects are not model-client interfaces themselves (OpenAIClient).</summary>
        private static readonly ImmutableArray<string> RemoteSdks = ImmutableArray.Create(
            "OpenAI", "Azure.AI.OpenAI", "Azure.AI.Inference", "Anthropic", "OllamaSharp", "Microsoft.SemanticKernel.Connectors");

        private readonly Compilation _compilation;
        private readonly AiSymbols _symbols;
        private readonly ImmutableArray<string> _entries;
        private readonly AnswerCache<ITypeSymbol, ModelRuntime> _runtimes;
        private readonly AnswerCache<ITypeSymbol, bool> _registrations;

        public InProcessModels(Compilation compilation, AiSymbols symbols, ShiftLeftOptions options)
        {
            _compilation = compilation;
            _symbols = symbols;
            _entries = Catalogue.AddRange(options.Get(OptionKeys.InProcessModelTypes).Entries);
            _runtimes = new AnswerCache<ITypeSymbol, ModelRuntime>(SymbolEqualityComparer.Default, Compute);
            _registrations = new AnswerCache<ITypeSymbol, bool>(SymbolEqualityComparer.Default, ComputeRegisteredInProcess);
        }

        /// <summary>
        /// An injected service of this type is in-process: the compilation registers it, and every registration's
        /// implementation is (<c>AddScoped&lt;ITextEmbeddingGenerationService, LocalTextEmbeddingGenerationService&gt;()</c>,
        /// <c>AddSingleton&lt;IChatClient&gt;(sp =&gt; new OnnxRuntimeGenAIChatClient(…))</c>). Asked only for an injected
        /// embedding service or a model call met by personal data; answered once per service type.
        /// </summary>
        public bool IsRegisteredInProcess(ITypeSymbol? serviceType) =>
            serviceType is not null and not IErrorTypeSymbol && _registrations.Get(serviceType.OriginalDefinition);

        private bool ComputeRegisteredInProcess(ITypeSymbol serviceType)
        {
            var found = false;
            // A registration names the service as a type argument: only files that write it before a '>' or ',' are
            // read (every file of a code base may name the service itself, in its fields and parameters).
            foreach (var tree in TreesNaming.In(_compilation, serviceType.Name))
            {
                if (!NamesAsTypeArgument(tree.GetText().ToString(), serviceType.Name))
                    continue;

                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    // Only a registration that names the service type is bound: Add…<IService, Impl>() or Add…<IService>(…).
                    if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax generic } } invocation
                        || !generic.Identifier.ValueText.StartsWith("Add", StringComparison.Ordinal)
                        || generic.TypeArgumentList.Arguments.Count == 0
                        || !NamesType(generic.TypeArgumentList.Arguments[0], serviceType.Name))
                    {
                        continue;
                    }

                    model ??= _compilation.GetSemanticModel(tree);
                    if (model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol { TypeArguments.Length: > 0 } method
                        || !SymbolEqualityComparer.Default.Equals(method.TypeArguments[0].OriginalDefinition, serviceType))
                    {
                        continue;
                    }

                    if (RegisteredRuntime(method, invocation, model) != ModelRuntime.InProcess)
                    {
                        return false;
                    }

                    found = true;
                }
            }

            return found;
        }

        private static bool NamesAsTypeArgument(string text, string name)
        {
            for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
            {
                var next = at + name.Length;
                while (next < text.Length && text[next] == ' ')
                    next++;
                if (next < text.Length && text[next] is '>' or ',')
                    return true;
            }

            return false;
        }

        /// <summary>The implementation a registration names (its second type argument) or creates (an instance or a factory's result).</summary>
        private ModelRuntime RegisteredRuntime(IMethodSymbol method, InvocationExpressionSyntax invocation, SemanticModel model)
        {
            if (method.TypeArguments.Length > 1)
            {
                return Of(method.TypeArguments[1]);
            }

            var runtime = ModelRuntime.Remote;
            foreach (var creation in invocation.ArgumentList.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
            {
                switch (Of(model.GetTypeInfo(creation).Type))
                {
                    case ModelRuntime.Remote:
                        return ModelRuntime.Remote;
                    case ModelRuntime.InProcess:
                        runtime = ModelRuntime.InProcess;
                        break;
                }
            }

            return runtime;
        }

        private static bool NamesType(TypeSyntax syntax, string name) => syntax switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText == name,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == name,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText == name,
            _ => false,
        };

        public ModelRuntime Of(ITypeSymbol? type) => type is null or IErrorTypeSymbol ? ModelRuntime.Neither : _runtimes.Get(type.OriginalDefinition);

        /// <summary>A registration extension that adds a model service to a kernel or container (<c>AddOpenAIChatCompletion</c>, <c>AddBertOnnxTextEmbeddingGeneration</c>).</summary>
        public ModelRuntime OfRegistration(IMethodSymbol method)
        {
            var name = method.Name;
            if (!name.StartsWith("Add", StringComparison.Ordinal)
                || (name.IndexOf("ChatCompletion", StringComparison.Ordinal) < 0 && name.IndexOf("TextGeneration", StringComparison.Ordinal) < 0
                    && name.IndexOf("Embedding", StringComparison.Ordinal) < 0 && name.IndexOf("ChatClient", StringComparison.Ordinal) < 0))
            {
                return ModelRuntime.Neither;
            }

            var declaring = (method.ReducedFrom ?? method).ContainingType;
            if (InCatalogue(declaring))
            {
                return ModelRuntime.InProcess;
            }

            // Microsoft.Extensions.AI's own AddChatClient / AddEmbeddingGenerator register the client they are given,
            // read from their arguments; anything else that adds a chat or embedding service names a connector.
            return declaring?.Name is "ChatClientBuilderServiceCollectionExtensions" or "EmbeddingGeneratorBuilderServiceCollectionExtensions"
                ? ModelRuntime.Neither
                : ModelRuntime.Remote;
        }

        private ModelRuntime Compute(ITypeSymbol type)
        {
            if (InCatalogue(type))
            {
                return ModelRuntime.InProcess;
            }

            if (type.TypeKind == TypeKind.Interface || !IsModelClient(type))
            {
                return InNamespaces(type, RemoteSdks) ? ModelRuntime.Remote : ModelRuntime.Neither;
            }

            // A layer (LoggingChatClient, the application's DelegatingChatClient) runs what it wraps: the wrapped client decides.
            if (IsLayer(type))
            {
                return ModelRuntime.Neither;
            }

            // The application's own client over an in-process runtime (a LocalEmbedder in a field): in-process when what it
            // holds is, and no remote client is among it.
            return type.DeclaringSyntaxReferences.IsEmpty ? ModelRuntime.Remote : HeldRuntime((INamedTypeSymbol)type);
        }

        private ModelRuntime HeldRuntime(INamedTypeSymbol type)
        {
            var held = ModelRuntime.Remote;
            foreach (var member in type.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol { IsStatic: false } field => field.Type,
                    _ => null,
                };
                if (memberType is null || SymbolEqualityComparer.Default.Equals(memberType.OriginalDefinition, type))
                {
                    continue;
                }

                switch (InCatalogue(memberType) ? ModelRuntime.InProcess : IsModelClient(memberType) || InNamespaces(memberType, RemoteSdks) ? ModelRuntime.Remote : ModelRuntime.Neither)
                {
                    case ModelRuntime.Remote:
                        return ModelRuntime.Remote;
                    case ModelRuntime.InProcess:
                        held = ModelRuntime.InProcess;
                        break;
                }
            }

            return held;
        }

        private bool IsModelClient(ITypeSymbol type) => _symbols.ImplementsModelClientInterface(type);

        private static bool IsLayer(ITypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name is "DelegatingChatClient" or "DelegatingEmbeddingGenerator" or "DelegatingAIAgent"
                    && current.ContainingNamespace?.ToDisplayString() is "Microsoft.Extensions.AI" or "Microsoft.Agents.AI")
                {
                    return true;
                }
            }

            return false;
        }

        private bool InCatalogue(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Matches(TypeNames.FullName(current), _entries))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InNamespaces(ITypeSymbol type, ImmutableArray<string> namespaces) => Matches(TypeNames.FullName(type), namespaces);

        /// <summary>The name is an entry, or lies under one (a type of a listed namespace, a nested type of a listed type).</summary>
        private static bool Matches(string fullName, ImmutableArray<string> entries)
        {
            foreach (var entry in entries)
            {
                if (fullName.StartsWith(entry, StringComparison.Ordinal)
                    && (fullName.Length == entry.Length || fullName[entry.Length] == '.'))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

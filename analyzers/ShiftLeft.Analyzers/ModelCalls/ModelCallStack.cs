using Microsoft.CodeAnalysis;
using ShiftLeft.Analyzers.Infrastructure;

namespace ShiftLeft.Analyzers.ModelCalls
{
    /// <summary>What a model call's message suggests depends on what the call is made through: the stack's own way to log or guard.</summary>
    internal enum ModelCallStack
    {
        /// <summary>A Microsoft.Extensions.AI client (IChatClient, IEmbeddingGenerator, OllamaSharp's clients).</summary>
        ExtensionsAi,

        /// <summary>A Semantic Kernel kernel (prompt invocation, prompt functions).</summary>
        Kernel,

        /// <summary>A Semantic Kernel chat or text service called directly.</summary>
        KernelService,

        /// <summary>An Agent Framework agent.</summary>
        Agent,

        /// <summary>A provider SDK's own chat client (OpenAI, Azure.AI.Inference, Anthropic): it has an AsIChatClient() adapter.</summary>
        ProviderChat,

        /// <summary>A provider SDK's own embedding client: it has an AsIEmbeddingGenerator() adapter.</summary>
        ProviderEmbedding,

        /// <summary>A method listed in shiftleft.model_call_methods, or anything else.</summary>
        Other,
    }

    internal static class ModelCallStacks
    {
        public static ModelCallStack Of(ShiftLeftCompilation shiftLeft, in ModelCall call)
        {
            if (call.IsConfigured)
            {
                return ModelCallStack.Other;
            }

            switch (ClientPipeline.OperandOf(shiftLeft, call)?.Kind)
            {
                case PipelineKind.ChatClient:
                    return ModelCallStack.ExtensionsAi;
                case PipelineKind.Kernel:
                    return ModelCallStack.Kernel;
                case PipelineKind.KernelService:
                    return ModelCallStack.KernelService;
                case PipelineKind.Agent:
                    return ModelCallStack.Agent;
            }

            var ns = call.Method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns.StartsWith("OllamaSharp", System.StringComparison.Ordinal))
            {
                return ModelCallStack.ExtensionsAi; // OllamaApiClient is an IChatClient and IEmbeddingGenerator itself
            }

            if (ns.StartsWith("OpenAI", System.StringComparison.Ordinal) || ns.StartsWith("Azure.AI.Inference", System.StringComparison.Ordinal) || ns.StartsWith("Anthropic", System.StringComparison.Ordinal))
            {
                return call.Kind == ModelCallKind.Embedding ? ModelCallStack.ProviderEmbedding : ModelCallStack.ProviderChat;
            }

            return ModelCallStack.Other;
        }
    }
}

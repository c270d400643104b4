using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>
    /// What an audit record of a model call holds, read from each SDK's response type: the model that answered, the
    /// provider's response id, why it stopped, and the tokens it used. Never message content (no prompt, no text, no
    /// tool arguments), so the record cannot carry personal data. A field whose member the referenced SDK version lacks
    /// is left out; a response type with none of them (streams, bare vectors) gets no outcome log.
    /// </summary>
    internal static class ResponseOutcome
    {
        /// <summary>One value of the record: its message-template hole, the phrase around it, and how to read it.</summary>
        internal sealed class Field
        {
            public Field(string hole, string phrase, params string[] path)
            {
                Hole = hole;
                Phrase = phrase;
                Path = path;
            }

            public string Hole { get; }

            /// <summary>The template text, e.g. <c>model {ModelId}</c>.</summary>
            public string Phrase { get; }

            /// <summary>Members read from the response in turn; <c>["Id"]</c> reads the metadata entry "Id".</summary>
            public string[] Path { get; }
        }

        private static readonly Field ModelId = new("ModelId", "model {ModelId}", "ModelId");
        private static readonly Field ResponseId = new("ResponseId", "response {ResponseId}", "ResponseId");
        private static readonly Field FinishReason = new("FinishReason", "finish reason {FinishReason}", "FinishReason");
        private static readonly Field InputTokens = new("InputTokens", "{InputTokens} input tokens", "Usage", "InputTokenCount");
        private static readonly Field OutputTokens = new("OutputTokens", "{OutputTokens} output tokens", "Usage", "OutputTokenCount");
        private static readonly Field OpenAIModel = new("ModelId", "model {ModelId}", "Model");
        private static readonly Field OpenAIId = new("ResponseId", "response {ResponseId}", "Id");
        private static readonly Field EmbeddingCount = new("EmbeddingCount", "{EmbeddingCount} embeddings", "Count");

        /// <summary>Response types by metadata name; derived types (ChatResponse&lt;T&gt;) match their base.</summary>
        private static readonly Dictionary<string, Field[]> Shapes = new()
        {
            ["Microsoft.Extensions.AI.ChatResponse"] = new[] { ModelId, ResponseId, FinishReason, InputTokens, OutputTokens },
            ["Microsoft.Extensions.AI.GeneratedEmbeddings`1"] = new[] { InputTokens, EmbeddingCount },
            ["OpenAI.Chat.ChatCompletion"] = new[] { OpenAIModel, OpenAIId, FinishReason, InputTokens, OutputTokens },
            ["OpenAI.Responses.ResponseResult"] = new[] { OpenAIModel, OpenAIId, new Field("Status", "status {Status}", "Status"), InputTokens, OutputTokens },
            ["OpenAI.Responses.OpenAIResponse"] = new[] { OpenAIModel, OpenAIId, new Field("Status", "status {Status}", "Status"), InputTokens, OutputTokens },
            ["OpenAI.Embeddings.OpenAIEmbeddingCollection"] = new[] { OpenAIModel, InputTokens, EmbeddingCount },
            ["Azure.AI.Inference.ChatCompletions"] = new[]
            {
                OpenAIModel, OpenAIId, FinishReason,
                new Field("InputTokens", "{InputTokens} input tokens", "Usage", "PromptTokens"),
                new Field("OutputTokens", "{OutputTokens} output tokens", "Usage", "CompletionTokens"),
            },
            ["Azure.AI.Inference.EmbeddingsResult"] = new[] { OpenAIModel, OpenAIId, new Field("InputTokens", "{InputTokens} input tokens", "Usage", "PromptTokens") },
            // Semantic Kernel keeps the provider's response id and finish reason in the content's metadata ("Id",
            // "FinishReason"); its usage entry is a connector-specific object whose text is only its type name.
            ["Microsoft.SemanticKernel.KernelContent"] = new[]
            {
                ModelId,
                new Field("ResponseId", "response {ResponseId}", "Metadata", "[Id]"),
                new Field("FinishReason", "finish reason {FinishReason}", "Metadata", "[FinishReason]"),
            },
            ["Microsoft.SemanticKernel.FunctionResult"] = new[]
            {
                new Field("ResponseId", "response {ResponseId}", "Metadata", "[Id]"),
                new Field("FinishReason", "finish reason {FinishReason}", "Metadata", "[FinishReason]"),
            },
        };

        /// <summary>Result wrappers whose <c>Value</c> is the response (<c>ClientResult&lt;ChatCompletion&gt;</c>, Azure <c>Response&lt;T&gt;</c>).</summary>
        private static readonly string[] Wrappers = { "System.ClientModel.ClientResult`1", "Azure.Response`1" };

        /// <summary>The fields of <paramref name="type"/>'s record and whether the response is read through <c>.Value</c>.</summary>
        public static bool TryGet(ITypeSymbol type, out Field[] fields, out bool throughValue)
        {
            throughValue = false;
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper && Wrappers.Contains(MetadataName(wrapper.OriginalDefinition)))
            {
                type = wrapper.TypeArguments[0];
                throughValue = true;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (Shapes.TryGetValue(MetadataName(current.OriginalDefinition), out var shape))
                {
                    fields = shape;
                    return true;
                }
            }

            fields = System.Array.Empty<Field>();
            return false;
        }

        private static string MetadataName(ITypeSymbol type) =>
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
    }
}

using Microsoft.CodeAnalysis.Testing;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.Tests.Infrastructure.ClassifierProbeAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Infrastructure;

/// <summary>The shared model-call classifier against the real SDK assemblies, one SDK family per test.</summary>
public sealed class ModelCallClassifierTests
{
    private static DiagnosticResult Call(int markup, string kind, string prompt) =>
        new DiagnosticResult(ClassifierProbeAnalyzer.ModelCallProbe).WithLocation(markup).WithArguments(kind, prompt);

    [Fact]
    public async Task OpenAI_chat_responses_and_embeddings_are_model_calls_with_their_prompt_arguments()
    {
        const string source = """
            using System.Threading.Tasks;
            using OpenAI.Chat;
            using OpenAI.Embeddings;
            using OpenAI.Responses;

            class C
            {
                async Task M(ChatClient chat, ResponsesClient responses, EmbeddingClient embeddings, string q)
                {
                    {|#0:chat.CompleteChat(new UserChatMessage(q))|};
                    await {|#1:chat.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(q) })|};
                    foreach (var update in {|#2:chat.CompleteChatStreaming(new UserChatMessage(q))|}) { }
                    await {|#3:responses.CreateResponseAsync("gpt-4o", q)|};
                    await {|#4:embeddings.GenerateEmbeddingAsync(q)|};
                    await responses.GetResponseAsync("resp_123");
                    await chat.GetChatCompletionAsync("id");
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: new[]
        {
            Call(0, "Generative", "messages"), Call(1, "Generative", "messages"), Call(2, "Generative", "messages"),
            Call(3, "Generative", "userInputText"), Call(4, "Embedding", "input"),
        });
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_interface_and_extension_forms_are_model_calls()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class C
            {
                async Task M(IChatClient client, IEmbeddingGenerator<string, Embedding<float>> generator, string q)
                {
                    await {|#0:client.GetResponseAsync(q)|};
                    await {|#1:client.GetResponseAsync(new List<ChatMessage> { new(ChatRole.User, q) })|};
                    await foreach (var update in {|#2:client.GetStreamingResponseAsync(q)|}) { }
                    await {|#3:client.GetResponseAsync<int>(q)|};
                    await {|#4:generator.GenerateAsync(new[] { q })|};
                    await {|#5:generator.GenerateVectorAsync(q)|};
                    _ = client.GetService<ChatClientMetadata>();
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: new[]
        {
            Call(0, "Generative", "chatMessage"), Call(1, "Generative", "messages"), Call(2, "Generative", "chatMessage"),
            Call(3, "Generative", "chatMessage"), Call(4, "Embedding", "values"), Call(5, "Embedding", "value"),
        });
    }
}

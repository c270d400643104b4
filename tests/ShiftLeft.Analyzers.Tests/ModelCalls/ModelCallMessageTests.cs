using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0001>;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>SL0001's message suggests what exists for the call's own client: no UseLogging() for a client that has none.</summary>
public sealed class ModelCallMessageTests
{
    [Fact]
    public async Task Each_stack_is_told_what_it_has()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            using OpenAI.Embeddings;
            class Calls
            {
                async Task Run(IChatClient client, ChatClient openAi, EmbeddingClient embeddings, Kernel kernel, IChatCompletionService chat, AIAgent agent)
                {
                    await client.{|#0:GetResponseAsync("Hi")|};
                    await openAi.{|#1:CompleteChatAsync(new UserChatMessage("Hi"))|};
                    await embeddings.{|#2:GenerateEmbeddingAsync("Hi")|};
                    await kernel.{|#3:InvokePromptAsync("Hi")|};
                    await chat.{|#4:GetChatMessageContentAsync("Hi")|};
                    await agent.{|#5:RunAsync("Hi")|};
                }
            }
            """;
        const string Log = "is not audit-logged: log its prompt or response";
        await Verify.VerifyAsync(source, expected:
        [
            Expected(0, $"Model call 'ChatClientExtensions.GetResponseAsync' {Log}, or build the client with UseLogging() or UseOpenTelemetry() in its ChatClientBuilder pipeline"),
            Expected(1, $"Model call 'ChatClient.CompleteChatAsync' {Log}, or wrap the client with AsIChatClient() and build it with UseLogging()"),
            Expected(2, $"Model call 'EmbeddingClient.GenerateEmbeddingAsync' {Log}, or wrap the client with AsIEmbeddingGenerator() and build it with UseLogging()"),
            Expected(3, $"Model call 'KernelExtensions.InvokePromptAsync' {Log}, or give the kernel logging (builder.Services.AddLogging(...)) or a function-invocation or prompt-render filter that logs"),
            Expected(4, $"Model call 'ChatCompletionServiceExtensions.GetChatMessageContentAsync' {Log}, or resolve the service from a kernel whose services register logging (builder.Services.AddLogging(...))"),
            Expected(5, $"Model call 'AIAgent.RunAsync' {Log}, or add UseLogging() or UseOpenTelemetry() to the agent's builder (AsBuilder()) or to the chat client it runs on"),
        ]);
    }

    [Fact]
    public async Task The_configured_audit_method_is_named()
    {
        var source = """
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Contoso.Audit { static class AuditTrail { public static void Record(object value) { } } }
            class Calls
            {
                async Task Run(ChatClient openAi) => await openAi.{|#0:CompleteChatAsync(new UserChatMessage("Hi"))|};
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: "shiftleft.audit_log_methods = Contoso.Audit.AuditTrail.Record", expected:
            Expected(0, "Model call 'ChatClient.CompleteChatAsync' is not audit-logged: log its prompt or response (or pass it to 'Contoso.Audit.AuditTrail.Record'), or wrap the client with AsIChatClient() and build it with UseLogging()"));
    }

    private static DiagnosticResult Expected(int markup, string message) =>
        new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage(message);
}

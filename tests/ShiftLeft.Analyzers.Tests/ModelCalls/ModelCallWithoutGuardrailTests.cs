using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0002>;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>SL0002 against the real SDKs: input, output, wrapper, pipeline and inside-guardrail suppressions.</summary>
public sealed class ModelCallWithoutGuardrailTests
{
    private const string Guards = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        namespace Contoso.Safety
        {
            sealed class GuardrailAttribute : Attribute { }
            static class PromptGuard
            {
                public static string Check(string prompt) => prompt;
                public static Task<T> RunAsync<T>(string prompt, Func<string, Task<T>> call) => call(prompt);
            }
            static class OutputGuard { public static void Verify(string answer) { } }
            static class Screening { [Guardrail] public static bool IsSafe(string text) => true; }
        }

        """;

    private const string Config = "shiftleft.guardrail_methods = Contoso.Safety.PromptGuard, Contoso.Safety.OutputGuard.Verify";

    [Fact]
    public async Task Unguarded_generative_calls_are_reported_for_every_SDK_family_and_embeddings_are_not()
    {
        var source = Guards + """
            namespace App
            {
                using Azure.AI.Inference;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.ChatCompletion;
                using OpenAI.Chat;
                using OpenAI.Responses;
                using OllamaSharp;
                class Assistant
                {
                    async Task M(ChatClient chat, ResponsesClient responses, IChatClient client, IChatCompletionService sk, Kernel kernel,
                        ChatCompletionsClient azure, OllamaSharp.IOllamaApiClient ollama, IEmbeddingGenerator<string, Embedding<float>> embeddings, string q)
                    {
                        await chat.{|#0:CompleteChatAsync(new UserChatMessage(q))|};
                        await responses.{|#1:CreateResponseAsync("gpt-4o", q)|};
                        await client.{|#2:GetResponseAsync(q)|};
                        await sk.{|#3:GetChatMessageContentAsync(q)|};
                        await kernel.{|#4:InvokePromptAsync(q)|};
                        await azure.{|#5:CompleteAsync(new ChatCompletionsOptions(new ChatRequestMessage[] { new ChatRequestUserMessage(q) }))|};
                        await foreach (var chunk in ollama.{|#6:GenerateAsync(q)|}) { }
                        await embeddings.GenerateVectorAsync(q);
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: Config, expected: new[]
        {
            Expected(0, "ChatClient.CompleteChatAsync"), Expected(1, "ResponsesClient.CreateResponseAsync"), Expected(2, "ChatClientExtensions.GetResponseAsync"),
            Expected(3, "ChatCompletionServiceExtensions.GetChatMessageContentAsync"), Expected(4, "KernelExtensions.InvokePromptAsync"),
            Expected(5, "ChatCompletionsClient.CompleteAsync"), Expected(6, "OllamaApiClientExtensions.GenerateAsync"),
        });
    }

    [Fact]
    public async Task A_prompt_guarded_before_the_call_directly_or_through_message_construction_is_not_reported()
    {
        var source = Guards + """
            namespace App
            {
                using Contoso.Safety;
                using Microsoft.SemanticKernel.ChatCompletion;
                using OpenAI.Chat;
                class Assistant
                {
                    async Task Direct(ChatClient chat, string q) => await chat.CompleteChatAsync(new UserChatMessage(PromptGuard.Check(q)));
                    async Task ViaLocal(ChatClient chat, string q)
                    {
                        var safe = PromptGuard.Check(q);
                        var messages = new List<ChatMessage> { new UserChatMessage($"Answer: {safe}") };
                        await chat.CompleteChatAsync(messages);
                    }
                    async Task ViaValidation(IChatCompletionService sk, string q)
                    {
                        if (!Screening.IsSafe(q)) return;
                        var history = new ChatHistory();
                        history.AddUserMessage(q);
                        await sk.GetChatMessageContentsAsync(history);
                    }
                    async Task GuardAfterwardsOnThePromptDoesNotCount(ChatClient chat, string q)
                    {
                        await chat.{|#0:CompleteChatAsync(new UserChatMessage(q))|};
                        Screening.IsSafe(q);
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: Config, expected: Expected(0, "ChatClient.CompleteChatAsync"));
    }

    [Fact]
    public async Task A_result_passed_to_a_guardrail_afterwards_and_a_call_inside_a_guard_wrapper_are_not_reported()
    {
        var source = Guards + """
            namespace App
            {
                using Contoso.Safety;
                using Microsoft.Extensions.AI;
                class Assistant
                {
                    async Task<string> Output(IChatClient client, string q)
                    {
                        var response = await client.GetResponseAsync(q);
                        OutputGuard.Verify(response.Text);
                        return response.Text;
                    }
                    Task<ChatResponse> Wrapped(IChatClient client, string q) => PromptGuard.RunAsync(q, prompt => client.GetResponseAsync(prompt));
                    async Task<string> UnrelatedGuard(IChatClient client, string q, string other)
                    {
                        OutputGuard.Verify(other);
                        return (await client.{|#0:GetResponseAsync(q)|}).Text;
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: Config, expected: Expected(0, "ChatClientExtensions.GetResponseAsync"));
    }

    [Fact]
    public async Task OpenAI_moderation_of_the_prompt_counts_as_a_guardrail()
    {
        var source = Guards + """
            namespace App
            {
                using OpenAI.Chat;
                using OpenAI.Moderations;
                class Assistant
                {
                    async Task M(ChatClient chat, ModerationClient moderation, string q)
                    {
                        var verdict = await moderation.ClassifyTextAsync(q);
                        if (verdict.Value.Flagged) return;
                        await chat.CompleteChatAsync(new UserChatMessage(q));
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_visible_pipeline_with_a_guardrail_middleware_or_builder_method_is_not_reported()
    {
        var source = Guards + """
            namespace Contoso.Safety
            {
                using Microsoft.Extensions.AI;
                [Guardrail]
                sealed class ContentSafetyChatClient(IChatClient inner) : DelegatingChatClient(inner) { }
                static class SafetyBuilderExtensions
                {
                    public static ChatClientBuilder UseContentSafety(this ChatClientBuilder builder) => builder.Use(inner => new ContentSafetyChatClient(inner));
                }
            }
            namespace App
            {
                using Contoso.Safety;
                using Microsoft.Extensions.AI;
                class Assistant(IChatClient injected)
                {
                    private readonly IChatClient _guarded = injected.AsBuilder().Use(inner => new ContentSafetyChatClient(inner)).Build();
                    private readonly IChatClient _plain = injected.AsBuilder().UseLogging().Build();
                    async Task M(string q)
                    {
                        await _guarded.GetResponseAsync(q);
                        var viaMethod = injected.AsBuilder().UseContentSafety().Build();
                        await viaMethod.GetResponseAsync(q);
                        await _plain.{|#0:GetResponseAsync(q)|};
                        await injected.{|#1:GetResponseAsync(q)|};
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: "shiftleft.guardrail_methods = Contoso.Safety.SafetyBuilderExtensions.UseContentSafety",
            expected: new[] { Expected(0, "ChatClientExtensions.GetResponseAsync"), Expected(1, "ChatClientExtensions.GetResponseAsync") });
    }

    [Fact]
    public async Task Calls_inside_a_guardrail_type_or_method_are_not_reported()
    {
        var source = Guards + """
            namespace App
            {
                using Contoso.Safety;
                using Microsoft.Extensions.AI;
                [Guardrail]
                sealed class JudgeGuard(IChatClient judge)
                {
                    public async Task<bool> IsSafeAsync(string text) => (await judge.GetResponseAsync("Is this safe? " + text)).Text == "yes";
                }
                sealed class Checks(IChatClient judge)
                {
                    [Guardrail]
                    public async Task<bool> JudgeAsync(string text) => (await judge.GetResponseAsync(text)).Text == "yes";
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    private static DiagnosticResult Expected(int markup, string call) =>
        new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(markup);
}

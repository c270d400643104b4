using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0001>;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>SL0001 against the real SDKs: every recognition path, every suppression path.</summary>
public sealed class ModelCallNotAuditLoggedTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;

        """;

    [Fact]
    public async Task OpenAI_chat_call_without_logging_is_reported_with_the_call_name()
    {
        var source = Usings + """
            using OpenAI.Chat;
            class Assistant
            {
                async Task<string> Ask(ChatClient chat, string question)
                {
                    ChatCompletion completion = await chat.{|#0:CompleteChatAsync(new UserChatMessage(question))|};
                    return completion.Content[0].Text;
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0));
    }

    [Fact]
    public async Task Logging_a_value_read_from_the_response_counts()
    {
        var source = Usings + """
            using OpenAI.Chat;
            class Assistant(ILogger<Assistant> logger)
            {
                async Task<string> Ask(ChatClient chat, string question)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(question));
                    var answer = completion.Content[0].Text;
                    logger.LogInformation("Answered with {Length} characters", answer.Length);
                    return answer;
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Logging_a_value_the_prompt_was_built_from_counts()
    {
        var source = Usings + """
            using OpenAI.Chat;
            class Assistant(ILogger<Assistant> logger)
            {
                async Task Ask(ChatClient chat, string question)
                {
                    var prompt = $"Answer briefly: {question}";
                    var messages = new List<ChatMessage> { new SystemChatMessage("You help."), new UserChatMessage(prompt) };
                    logger.LogDebug("Prompt {Question}", question);
                    await chat.CompleteChatAsync(messages);
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_log_line_mentioning_neither_request_nor_response_does_not_count()
    {
        var source = Usings + """
            using OpenAI.Chat;
            class Assistant(ILogger<Assistant> logger)
            {
                async Task Ask(ChatClient chat, string question, string tenant)
                {
                    logger.LogInformation("Handling a question for {Tenant}", tenant);
                    await chat.{|#0:CompleteChatAsync(new UserChatMessage(question))|};
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: Expected(0, "ChatClient.CompleteChatAsync"));
    }

    [Fact]
    public async Task Logging_inside_a_lambda_or_local_function_of_the_same_method_counts()
    {
        var source = Usings + """
            using Microsoft.Extensions.AI;
            class Assistant(ILogger<Assistant> logger)
            {
                async Task<string> Ask(IChatClient client, string question)
                {
                    var response = await client.GetResponseAsync(question);
                    Report();
                    return response.Text;

                    void Report() => logger.Log(LogLevel.Information, "Answer {Answer}", response.Text);
                }

                async Task Stream(IChatClient client, string question)
                {
                    var text = new StringBuilder();
                    await foreach (var update in client.GetStreamingResponseAsync(question))
                    {
                        text.Append(update.Text);
                    }

                    Action log = () => logger.LogTrace("Streamed {Text}", text.ToString());
                    log();
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task LoggerMessage_methods_audit_log_option_and_AuditLog_attribute_are_log_sinks()
    {
        var source = Usings + """
            using Microsoft.Extensions.AI;
            namespace Contoso
            {
                sealed class AuditLogAttribute : Attribute { }
                static class Audit { public static void Record(string what) { } }
                static partial class Log
                {
                    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Answer {Answer}")]
                    public static void Answer(ILogger logger, string answer) { }
                    [AuditLog]
                    public static void Prompt(string prompt) { }
                }

                class Assistant(ILogger<Assistant> logger)
                {
                    async Task A(IChatClient client, string q) { var r = await client.GetResponseAsync(q); Log.Answer(logger, r.Text); }
                    async Task B(IChatClient client, string q) { Log.Prompt(q); await client.GetResponseAsync(q); }
                    async Task C(IChatClient client, string q) { var r = await client.GetResponseAsync(q); Audit.Record(r.Text); }
                    async Task D(IChatClient client, string q) { var r = await client.{|#0:GetResponseAsync(q)|}; Audit.Record("done"); }
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: "shiftleft.audit_log_methods = Contoso.Audit.Record", expected: Expected(0, "ChatClientExtensions.GetResponseAsync"));
    }

    [Fact]
    public async Task A_visible_builder_chain_with_logging_or_telemetry_counts_and_one_without_does_not()
    {
        var source = Usings + """
            using Microsoft.Extensions.AI;
            using OpenAI;
            class Assistant
            {
                private readonly IChatClient _fromField = new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient().AsBuilder().UseOpenTelemetry().Build();
                private readonly IChatClient _fromConstructor;
                private readonly IChatClient _plain = new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient();
                private IChatClient FromProperty { get; } = new LoggingChatClient(new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient(), null!);

                public Assistant(ILoggerFactory loggers)
                {
                    _fromConstructor = new ChatClientBuilder(new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient()).UseLogging(loggers).Build();
                }

                async Task M(string q)
                {
                    var local = new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient().AsBuilder().UseLogging().Build();
                    await local.GetResponseAsync(q);
                    var builder = new ChatClientBuilder(_plain);
                    builder.UseLogging();
                    var built = builder.Build();
                    await built.GetResponseAsync(q);
                    await _fromField.GetResponseAsync(q);
                    await _fromConstructor.GetResponseAsync(q);
                    await FromProperty.GetResponseAsync(q);
                    await _plain.{|#0:GetResponseAsync(q)|};
                    var adapter = new OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient();
                    await adapter.{|#1:GetResponseAsync(q)|};
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: new[] { Expected(0, "ChatClientExtensions.GetResponseAsync"), Expected(1, "ChatClientExtensions.GetResponseAsync") });
    }

    [Fact]
    public async Task An_injected_client_counts_as_logged_only_when_the_compilation_registers_chat_clients_with_logging()
    {
        var client = Usings + """
            using Microsoft.Extensions.AI;
            class Assistant(IChatClient client)
            {
                async Task M(string q) => await client.{|#0:GetResponseAsync(q)|};
            }
            """;
        var registration = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            static class Setup
            {
                public static void Register(IServiceCollection services, IChatClient inner) => services.AddChatClient(inner).UseLogging();
            }
            """;
        await Verify.VerifyAsync(client, expected: Expected(0, "ChatClientExtensions.GetResponseAsync"));

        var test = Verify.Create(client.Replace("{|#0:", string.Empty).Replace("|}", string.Empty));
        test.TestState.Sources.Add(registration);
        await test.RunAsync();
    }

    [Fact]
    public async Task Calls_inside_a_type_implementing_a_model_client_interface_are_not_findings()
    {
        var source = Usings + """
            using System.Threading;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            sealed class Middleware(IChatClient inner) : DelegatingChatClient(inner)
            {
                public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions options = null, CancellationToken cancellationToken = default)
                    => InnerClient.GetResponseAsync(messages, options, cancellationToken);
            }
            sealed class Connector(IChatCompletionService inner) : IChatCompletionService
            {
                public IReadOnlyDictionary<string, object> Attributes => inner.Attributes;
                public Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings executionSettings = null, Kernel kernel = null, CancellationToken cancellationToken = default)
                    => inner.GetChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
                public IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(ChatHistory chatHistory, PromptExecutionSettings executionSettings = null, Kernel kernel = null, CancellationToken cancellationToken = default)
                    => inner.GetStreamingChatMessageContentsAsync(chatHistory, executionSettings, kernel, cancellationToken);
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Semantic_Kernel_Azure_AI_Inference_Ollama_and_embedding_calls_are_reported()
    {
        var source = Usings + """
            using Azure.AI.Inference;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.TextGeneration;
            using OllamaSharp;
            class Assistant
            {
                async Task M(IChatCompletionService chat, ITextGenerationService text, Kernel kernel, ChatCompletionsClient azure,
                    IOllamaApiClient ollama, IEmbeddingGenerator<string, Embedding<float>> embeddings, OpenAI.Embeddings.EmbeddingClient openAiEmbeddings, string q)
                {
                    var history = new ChatHistory();
                    history.AddUserMessage(q);
                    await chat.{|#0:GetChatMessageContentsAsync(history)|};
                    await chat.{|#1:GetChatMessageContentAsync(history)|};
                    await text.{|#2:GetTextContentsAsync(q)|};
                    await kernel.{|#3:InvokePromptAsync(q)|};
                    await azure.{|#4:CompleteAsync(new ChatCompletionsOptions(new ChatRequestMessage[] { new ChatRequestUserMessage(q) }))|};
                    await foreach (var chunk in ollama.{|#5:GenerateAsync(q)|}) { }
                    await foreach (var answer in new Chat(ollama).{|#6:SendAsync(q)|}) { }
                    await embeddings.{|#7:GenerateVectorAsync(q)|};
                    await openAiEmbeddings.{|#8:GenerateEmbeddingAsync(q)|};
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: new[]
        {
            Expected(0, "IChatCompletionService.GetChatMessageContentsAsync"), Expected(1, "ChatCompletionServiceExtensions.GetChatMessageContentAsync"),
            Expected(2, "ITextGenerationService.GetTextContentsAsync"), Expected(3, "KernelExtensions.InvokePromptAsync"),
            Expected(4, "ChatCompletionsClient.CompleteAsync"), Expected(5, "OllamaApiClientExtensions.GenerateAsync"), Expected(6, "Chat.SendAsync"),
            Expected(7, "EmbeddingGeneratorExtensions.GenerateVectorAsync"), Expected(8, "EmbeddingClient.GenerateEmbeddingAsync"),
        });
    }

    [Fact]
    public async Task Configured_model_call_methods_are_recognised_with_every_overload()
    {
        var source = Usings + """
            namespace Contoso.Llm
            {
                class Gateway
                {
                    public Task<string> AskAsync(string prompt) => Task.FromResult(prompt);
                    public Task<string> AskAsync(string prompt, int temperature) => Task.FromResult(prompt);
                }
                class Caller
                {
                    async Task M(Gateway gateway, string q)
                    {
                        await gateway.{|#0:AskAsync(q)|};
                        await gateway.{|#1:AskAsync(q, 1)|};
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: "shiftleft.model_call_methods = Contoso.Llm.Gateway.AskAsync", references: ShiftLeftReferences.LoggingOnly,
            expected: new[] { Expected(0, "Gateway.AskAsync"), Expected(1, "Gateway.AskAsync") });
    }

    [Fact]
    public async Task Pragma_SuppressMessage_severity_and_generated_code_are_honoured()
    {
        var source = Usings + """
            using System.Diagnostics.CodeAnalysis;
            using Microsoft.Extensions.AI;
            class Assistant
            {
                async Task A(IChatClient client, string q)
                {
            #pragma warning disable SL0001
                    await client.GetResponseAsync(q);
            #pragma warning restore SL0001
                }

                [SuppressMessage("Accountability", "SL0001:Model call is not audit-logged", Justification = "Test double")]
                async Task B(IChatClient client, string q) => await client.GetResponseAsync(q);

                async Task C(IChatClient client, string q) => await client.{|#0:GetResponseAsync(q)|};
            }
            """;
        var severity = Verify.Create(source);
        // The test framework does not apply .editorconfig severities; the project-level equivalent is used here and the
        // .editorconfig path is proven by the real build of the sample (Integration/SampleBuildTests).
        severity.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem("SL0001", ReportDiagnostic.Error)));
        });
        severity.TestBehaviors |= TestBehaviors.SkipSuppressionCheck; // errors cannot be silenced by the framework's blanket #pragma
        severity.ExpectedDiagnostics.Add(new DiagnosticResult("SL0001", DiagnosticSeverity.Error).WithLocation(0));
        await severity.RunAsync();

        var disabled = Verify.Create(source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty), editorConfig: "dotnet_diagnostic.SL0001.severity = none");
        await disabled.RunAsync();

        var generated = "// <auto-generated/>\n" + source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty);
        await Verify.VerifyAsync(generated);
    }

    [Fact]
    public async Task Nothing_is_registered_when_no_AI_SDK_is_referenced()
    {
        const string source = """
            using Microsoft.Extensions.Logging;
            class ChatClient { public string CompleteChat(string q) => q; }
            class C { string M(ChatClient c) => c.CompleteChat("hi"); }
            """;
        await Verify.VerifyAsync(source, references: ShiftLeftReferences.LoggingOnly);

        var withoutSdk = await AnalyzerTelemetry.RegisteredActionCountAsync(new ModelCallAnalyzer(), source, ShiftLeftReferences.LoggingOnly);
        var withSdk = await AnalyzerTelemetry.RegisteredActionCountAsync(new ModelCallAnalyzer(), source, ShiftLeftReferences.AllSdks);
        Assert.Equal(0, withoutSdk);
        Assert.True(withSdk > 0, "with an AI SDK referenced the analyzer registers its actions");
    }

    private static DiagnosticResult Expected(int markup, string call) =>
        new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(markup);
}

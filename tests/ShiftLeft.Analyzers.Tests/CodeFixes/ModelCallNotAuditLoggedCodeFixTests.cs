using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.CodeFixes.ModelCalls;
using Fix = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftCodeFixTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.CodeFixes.ModelCalls.ModelCallNotAuditLoggedCodeFixProvider, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0001>;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>SL0001 fixes: the fixed code compiles (verified by the framework), raises no SL0001, and Fix All works.</summary>
public sealed class ModelCallNotAuditLoggedCodeFixTests
{
    [Fact]
    public async Task A_visible_builder_chain_gets_UseLogging_with_the_logger_factory_in_scope_once_for_all_its_calls()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Logging;

            class Assistant(IChatClient inner, ILoggerFactory loggerFactory)
            {
                private readonly IChatClient _client = inner.AsBuilder()
                    .UseFunctionInvocation()
                    .Build();

                async Task A(string q) => await _client.[|GetResponseAsync(q)|];
                async Task B(string q) => await _client.[|GetResponseAsync(q)|];
                async Task C(string q, ILoggerFactory factory)
                {
                    var local = new OpenAI.OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient();
                    await local.[|GetResponseAsync(q)|];
                }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Logging;

            class Assistant(IChatClient inner, ILoggerFactory loggerFactory)
            {
                private readonly IChatClient _client = inner.AsBuilder()
                    .UseFunctionInvocation()
                    .UseLogging(loggerFactory)
                    .Build();

                async Task A(string q) => await _client.GetResponseAsync(q);
                async Task B(string q) => await _client.GetResponseAsync(q);
                async Task C(string q, ILoggerFactory factory)
                {
                    var local = new OpenAI.OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient().AsBuilder().UseLogging(factory).Build();
                    await local.GetResponseAsync(q);
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_a_logger_factory_or_a_service_provider_no_UseLogging_fix_is_offered()
    {
        // UseLogging() here would resolve ILoggerFactory from the empty provider of Build() and throw at start.
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Assistant(IChatClient inner)
            {
                private readonly IChatClient _client = inner.AsBuilder().UseFunctionInvocation().Build();

                async Task A(string q) => await _client.[|GetResponseAsync(q)|];
            }
            """;
        var test = Fix.Create(source, source);
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task An_injected_client_gets_UseLogging_on_its_DI_registration_in_another_file()
    {
        const string registration = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            static class Registration
            {
                public static void AddAssistant(IServiceCollection services, IChatClient inner)
                {
                    services.AddLogging();
                    services.AddChatClient(inner)
                        .UseFunctionInvocation();
                }
            }
            """;
        const string fixedRegistration = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            static class Registration
            {
                public static void AddAssistant(IServiceCollection services, IChatClient inner)
                {
                    services.AddLogging();
                    services.AddChatClient(inner)
                        .UseLogging()
                        .UseFunctionInvocation();
                }
            }
            """;
        const string assistant = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Assistant(IChatClient client)
            {
                async Task A(string q) => await client.[|GetResponseAsync(q)|];
                async Task B(string q) => await client.[|GetResponseAsync(q)|];
            }
            """;
        var test = Fix.Create(assistant, assistant.Replace("[|", "").Replace("|]", ""));
        test.TestState.Sources.Add(("/0/Registration.cs", registration));
        test.FixedState.Sources.Add(("/0/Registration.cs", fixedRegistration));
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task With_a_logger_in_scope_the_outcome_is_logged_without_message_content()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using OpenAI.Chat;

            class Assistant(ChatClient chat, ILogger<Assistant> logger)
            {
                async Task<string> Ask(string q)
                {
                    ChatCompletion completion = await chat.[|CompleteChatAsync(new UserChatMessage(q))|];
                    return completion.Content[0].Text;
                }

                async Task Again(string q)
                {
                    var result = await chat.[|CompleteChatAsync(new UserChatMessage(q))|];
                }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using OpenAI.Chat;

            class Assistant(ChatClient chat, ILogger<Assistant> logger)
            {
                async Task<string> Ask(string q)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(q));
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("Model call {ModelCall} completed: model {ModelId}, response {ResponseId}, finish reason {FinishReason}, {InputTokens} input tokens, {OutputTokens} output tokens", "ChatClient.CompleteChatAsync", completion.Model, completion.Id, completion.FinishReason, completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount);
                    }
                    return completion.Content[0].Text;
                }

                async Task Again(string q)
                {
                    var result = await chat.CompleteChatAsync(new UserChatMessage(q));
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("Model call {ModelCall} completed: model {ModelId}, response {ResponseId}, finish reason {FinishReason}, {InputTokens} input tokens, {OutputTokens} output tokens", "ChatClient.CompleteChatAsync", result.Value.Model, result.Value.Id, result.Value.FinishReason, result.Value.Usage.InputTokenCount, result.Value.Usage.OutputTokenCount);
                    }
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.LogOutcomeKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task The_outcome_log_of_a_chat_response_reads_nullable_members_safely_and_adds_no_using_already_in_effect()
    {
        const string source = """
            global using Microsoft.Extensions.Logging;

            namespace App;

            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Assistant(IChatClient client, ILogger logger)
            {
                async Task<string> Ask(string q)
                {
                    var response = await client.[|GetResponseAsync(q)|];
                    return response.Text;
                }
            }
            """;
        const string fixedSource = """
            global using Microsoft.Extensions.Logging;

            namespace App;

            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Assistant(IChatClient client, ILogger logger)
            {
                async Task<string> Ask(string q)
                {
                    var response = await client.GetResponseAsync(q);
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("Model call {ModelCall} completed: model {ModelId}, response {ResponseId}, finish reason {FinishReason}, {InputTokens} input tokens, {OutputTokens} output tokens", "ChatClientExtensions.GetResponseAsync", response.ModelId, response.ResponseId, response.FinishReason, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
                    }
                    return response.Text;
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.LogOutcomeKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task An_Azure_AI_Inference_result_is_read_through_its_Value()
    {
        const string source = """
            using System.Threading.Tasks;
            using Azure.AI.Inference;
            using Microsoft.Extensions.Logging;

            class Assistant(ChatCompletionsClient client, ILogger<Assistant> logger)
            {
                async Task<string> Ask(ChatCompletionsOptions options)
                {
                    var completions = await client.[|CompleteAsync(options)|];
                    return completions.Value.Content;
                }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;
            using Azure.AI.Inference;
            using Microsoft.Extensions.Logging;

            class Assistant(ChatCompletionsClient client, ILogger<Assistant> logger)
            {
                async Task<string> Ask(ChatCompletionsOptions options)
                {
                    var completions = await client.CompleteAsync(options);
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("Model call {ModelCall} completed: model {ModelId}, response {ResponseId}, finish reason {FinishReason}, {InputTokens} input tokens, {OutputTokens} output tokens", "ChatCompletionsClient.CompleteAsync", completions.Value.Model, completions.Value.Id, completions.Value.FinishReason, completions.Value.Usage.PromptTokens, completions.Value.Usage.CompletionTokens);
                    }
                    return completions.Value.Content;
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.LogOutcomeKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_pipeline_built_with_the_containers_service_provider_gets_UseLogging_without_a_factory()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            static class Registration
            {
                public static IServiceCollection AddAssistant(this IServiceCollection services) =>
                    services.AddLogging().AddSingleton<Assistant>();
            }

            class Assistant
            {
                private readonly IChatClient _client;

                public Assistant(IChatClient inner, IServiceProvider services)
                {
                    _client = inner.AsBuilder().Build(services);
                }

                async Task<string> Ask(string q) => (await _client.[|GetResponseAsync(q)|]).Text;
            }
            """;
        const string fixedSource = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            static class Registration
            {
                public static IServiceCollection AddAssistant(this IServiceCollection services) =>
                    services.AddLogging().AddSingleton<Assistant>();
            }

            class Assistant
            {
                private readonly IChatClient _client;

                public Assistant(IChatClient inner, IServiceProvider services)
                {
                    _client = inner.AsBuilder().UseLogging().Build(services);
                }

                async Task<string> Ask(string q) => (await _client.GetResponseAsync(q)).Text;
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_missing_using_is_added_in_order_beside_the_files_usings()
    {
        const string source = """
            // Copyright header stays first.
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Assistant(ChatClient chat, Microsoft.Extensions.Logging.ILogger logger)
            {
                async Task Ask(string q)
                {
                    ChatCompletion completion = await chat.[|CompleteChatAsync(new UserChatMessage(q))|];
                }
            }
            """;
        const string fixedSource = """
            // Copyright header stays first.
            using System.Threading.Tasks;
            using Microsoft.Extensions.Logging;
            using OpenAI.Chat;

            class Assistant(ChatClient chat, Microsoft.Extensions.Logging.ILogger logger)
            {
                async Task Ask(string q)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(q));
                    if (logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("Model call {ModelCall} completed: model {ModelId}, response {ResponseId}, finish reason {FinishReason}, {InputTokens} input tokens, {OutputTokens} output tokens", "ChatClient.CompleteChatAsync", completion.Model, completion.Id, completion.FinishReason, completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount);
                    }
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.LogOutcomeKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task The_single_configured_audit_method_is_called_with_the_result()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace Contoso
            {
                static class Audit { public static void Record(object entry) { } }
                class Assistant(IChatClient client)
                {
                    async Task Ask(string q)
                    {
                        var response = await client.[|GetResponseAsync(q)|];
                    }
                }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace Contoso
            {
                static class Audit { public static void Record(object entry) { } }
                class Assistant(IChatClient client)
                {
                    async Task Ask(string q)
                    {
                        var response = await client.GetResponseAsync(q);
                        Audit.Record(response);
                    }
                }
            }
            """;
        var test = Fix.Create(source, fixedSource, editorConfig: "shiftleft.audit_log_methods = Contoso.Audit.Record");
        test.CodeActionEquivalenceKey = ModelCallNotAuditLoggedCodeFixProvider.AuditMethodKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_is_offered_where_none_would_compile()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Assistant(IChatClient client)
            {
                static async Task Static(IChatClient c, string q) { var r = await c.[|GetResponseAsync(q)|]; }
                async Task Injected(string q) => await client.[|GetResponseAsync(q)|];
            }
            """;
        await Fix.VerifyAsync(source, source);
    }
}

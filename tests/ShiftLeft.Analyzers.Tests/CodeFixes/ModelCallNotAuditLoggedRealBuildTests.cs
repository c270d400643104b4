using System.Globalization;
using Harness;
using ShiftLeft.Analyzers.CodeFixes.ModelCalls;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.Tests.Verification.RealBuild;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>
/// SL0001 fixes applied to code that is then built for real (net10.0, nullable enabled, -warnaserror, the ShiftLeft
/// analyzers loaded, Microsoft.Extensions.AI 11 / OpenAI 2.15 / Semantic Kernel 1.82) and run in-process against a
/// test-double model (<c>Harness.ScriptedChatClient</c>); the pipeline and its logging are the real ones.
/// </summary>
public sealed class ModelCallNotAuditLoggedRealBuildTests(ThrowawayProject project) : IClassFixture<ThrowawayProject>
{
    private const string Question = "Where is parcel 7 for Alex?";

    /// <summary>The other rule of the analyzer is off; personal-data rules stay on (a fix must not raise them).</summary>
    private const string OnlySL0001 = "dotnet_diagnostic.SL0002.severity = none";

    [Fact]
    public async Task The_outcome_log_on_an_injected_chat_client_builds_with_warnings_as_errors_and_records_what_an_audit_needs()
    {
        // Written to the shape of the real case (dotnet/eShop's WebApp chat state, built with warnings as errors): a
        // non-generic ILogger field, an injected IChatClient, the response dereferenced on the next line, where a
        // `response?.` in the log made that line CS8602.
        const string parcelChat = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Logging;

            namespace App.Chatbot;

            public class ParcelChat
            {
                private readonly ILogger _logger;
                private readonly IChatClient _model;
                private readonly ChatOptions _options = new() { Temperature = 0.2f };

                public ParcelChat(ILoggerFactory loggerFactory, IChatClient model)
                {
                    _logger = loggerFactory.CreateLogger(typeof(ParcelChat));
                    _model = model;
                    History = [new ChatMessage(ChatRole.System, "You track parcels for a courier.")];
                }

                public List<ChatMessage> History { get; }

                public async Task SendAsync(string text, Action changed)
                {
                    History.Add(new ChatMessage(ChatRole.User, text));
                    changed();
                    try
                    {
                        var response = await _model.GetResponseAsync(History, _options);
                        if (response.Text.Length > 0)
                        {
                            History.AddMessages(response);
                        }
                    }
                    catch (HttpRequestException failure)
                    {
                        if (_logger.IsEnabled(LogLevel.Warning))
                        {
                            _logger.LogWarning(failure, "The parcel model could not be reached.");
                        }

                        History.Add(new ChatMessage(ChatRole.Assistant, "Tracking is unavailable right now."));
                    }

                    changed();
                }
            }
            """;
        const string entry = $$"""
            namespace App;

            public static class Entry
            {
                public static async Task<string> RunAsync()
                {
                    var recorder = new Harness.LogRecorder();
                    using var loggers = Harness.LogRecorder.CreateFactory(recorder);
                    var chat = new App.Chatbot.ParcelChat(loggers, new Harness.ScriptedChatClient());
                    await chat.SendAsync("{{Question}}", () => { });
                    return recorder.Report(chat.History[^1].Text);
                }
            }
            """;

        var result = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
            project, ThrowawayProject.Files(("ParcelChat.cs", parcelChat), ("Entry.cs", entry)), ModelCallNotAuditLoggedCodeFixProvider.LogOutcomeKey, FixMode.OneByOne, OnlySL0001);

        Assert.Equal(1, result.Applied);
        Assert.Empty(result.Unfixed);
        Assert.Contains(
            """
                        var response = await _model.GetResponseAsync(History, _options);
                        if (_logger.IsEnabled(LogLevel.Information))
                        {
                            _logger.LogInformation("Model call {ModelCall} completed: model {ModelId}, response {ResponseId}, finish reason {FinishReason}, {InputTokens} input tokens, {OutputTokens} output tokens", "IChatClient.GetResponseAsync", response.ModelId, response.ResponseId, response.FinishReason, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
                        }
                        if (response.Text.Length > 0)
            """,
            result.Files["ParcelChat.cs"]);
        Assert.Equal(parcelChat.Split('\n').Take(3), result.Files["ParcelChat.cs"].Split('\n').Take(3));   // no using added

        await project.BuildAsync(result.Files, OnlySL0001);
        var run = await project.RunEntryAsync();

        Assert.Equal(ScriptedAnswer.Text, run.Result);
        var audit = Assert.Single(run.Entries, entry => entry.Message.StartsWith("Model call", StringComparison.Ordinal));
        Assert.Equal("Information", audit.Level);
        Assert.Equal("App.Chatbot.ParcelChat", audit.Category);
        Assert.Equal("IChatClient.GetResponseAsync", audit.State["ModelCall"]);
        Assert.Equal(ScriptedAnswer.ModelId, audit.State["ModelId"]);
        Assert.Equal(ScriptedAnswer.ResponseId, audit.State["ResponseId"]);
        Assert.Equal("stop", audit.State["FinishReason"]);
        Assert.Equal(ScriptedAnswer.InputTokens.ToString(CultureInfo.InvariantCulture), audit.State["InputTokens"]);
        Assert.Equal(ScriptedAnswer.OutputTokens.ToString(CultureInfo.InvariantCulture), audit.State["OutputTokens"]);
        AssertNoContent(run);
    }

    [Fact]
    public async Task UseLogging_takes_the_logger_factory_in_scope_keeps_the_chain_layout_and_the_pipelines_run()
    {
        const string pipelines = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Logging;

            namespace App.Pipelines;

            // A primary-constructor parameter, in a field initializer; the chain is written one call per line.
            public sealed class InitializerPipeline(IChatClient model, ILoggerFactory loggerFactory)
            {
                private readonly ILogger _log = loggerFactory.CreateLogger<InitializerPipeline>();
                private readonly IChatClient _client = model.AsBuilder()
                    .UseFunctionInvocation()
                    .Build();

                public async Task<string> AskAsync(string question)
                {
                    _log.LogDebug("Asking");
                    return (await _client.GetResponseAsync(question)).Text;
                }
            }

            // A constructor parameter, in the constructor.
            public sealed class ConstructorPipeline
            {
                private readonly IChatClient _client;

                public ConstructorPipeline(IChatClient model, ILoggerFactory loggers)
                {
                    _client = new ChatClientBuilder(model).Build();
                }

                public async Task<string> AskAsync(string question) => (await _client.GetResponseAsync(question)).Text;
            }

            // A field, in a method.
            public sealed class FieldFactory(IChatClient model, ILoggerFactory loggerFactory)
            {
                private readonly ILoggerFactory _loggerFactory = loggerFactory;
                private readonly IChatClient _model = model;

                public async Task<string> AskAsync(string question)
                {
                    var client = _model.AsBuilder().Build();
                    return (await client.GetResponseAsync(question)).Text;
                }
            }

            // A local, and a client made without a builder.
            public static class LocalFactory
            {
                public static async Task<string> AskAsync(IChatClient model, ILoggerProvider logs, string question)
                {
                    using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
                    IChatClient client = new ConfigureOptionsChatClient(model, options => options.Temperature = 0);
                    return (await client.GetResponseAsync(question)).Text;
                }
            }
            """;
        const string entry = $$"""
            namespace App;

            public static class Entry
            {
                public static async Task<string> RunAsync()
                {
                    var recorder = new Harness.LogRecorder();
                    using var loggers = Harness.LogRecorder.CreateFactory(recorder);
                    var model = new Harness.ScriptedChatClient();
                    string[] answers =
                    [
                        await new App.Pipelines.InitializerPipeline(model, loggers).AskAsync("{{Question}}"),
                        await new App.Pipelines.ConstructorPipeline(model, loggers).AskAsync("{{Question}}"),
                        await new App.Pipelines.FieldFactory(model, loggers).AskAsync("{{Question}}"),
                        await App.Pipelines.LocalFactory.AskAsync(model, recorder, "{{Question}}"),
                    ];
                    return recorder.Report(string.Join("|", answers));
                }
            }
            """;
        var files = ThrowawayProject.Files(("Pipelines.cs", pipelines), ("Entry.cs", entry));

        var oneByOne = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
            project, files, ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey, FixMode.OneByOne, OnlySL0001);
        var fixAll = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
            project, files, ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey, FixMode.FixAll, OnlySL0001);

        Assert.Empty(oneByOne.Unfixed);
        Assert.Equal(4, oneByOne.Applied);
        Assert.Equal(oneByOne.Files["Pipelines.cs"], fixAll.Files["Pipelines.cs"]);
        Assert.Empty(fixAll.Unfixed);
        var fixedText = oneByOne.Files["Pipelines.cs"];
        Assert.Contains(
            """
                private readonly IChatClient _client = model.AsBuilder()
                    .UseFunctionInvocation()
                    .UseLogging(loggerFactory)
                    .Build();
            """,
            fixedText);
        Assert.Contains("_client = new ChatClientBuilder(model).UseLogging(loggers).Build();", fixedText);
        Assert.Contains("var client = _model.AsBuilder().UseLogging(_loggerFactory).Build();", fixedText);
        Assert.Contains("IChatClient client = new ConfigureOptionsChatClient(model, options => options.Temperature = 0).AsBuilder().UseLogging(loggerFactory).Build();", fixedText);
        Assert.Equal(pipelines.Split('\n').Take(5), fixedText.Split('\n').Take(5));   // no using added

        await project.BuildAsync(oneByOne.Files, OnlySL0001);
        var run = await project.RunEntryAsync();

        Assert.Equal(Enumerable.Repeat(ScriptedAnswer.Text, 4), run.Result!.Split('|'));
        var pipelineLog = run.Entries.Where(entry => entry.Category == "Microsoft.Extensions.AI.LoggingChatClient").ToList();
        Assert.Equal(4, pipelineLog.Count(entry => entry.Level == "Debug" && entry.Message == "GetResponseAsync invoked."));
        Assert.Equal(4, pipelineLog.Count(entry => entry.Level == "Debug" && entry.Message == "GetResponseAsync completed."));
        AssertNoContent(run);
    }

    [Fact]
    public async Task An_injected_client_gets_UseLogging_on_its_host_registration_and_the_host_runs()
    {
        const string registration = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using Microsoft.Extensions.Logging;

            namespace App.Hosting;

            public static class AssistantHost
            {
                public static IHost Create(IChatClient model, ILoggerProvider logs)
                {
                    var builder = Host.CreateApplicationBuilder();
                    builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
                    builder.Services.AddChatClient(model)
                        .UseFunctionInvocation();
                    builder.Services.AddSingleton<SupportAgent>();
                    return builder.Build();
                }
            }
            """;
        const string agent = """
            using Microsoft.Extensions.AI;

            namespace App.Hosting;

            public sealed class SupportAgent(IChatClient client)
            {
                public async Task<string> AnswerAsync(string question)
                {
                    var response = await client.GetResponseAsync(question);
                    return response.Text;
                }
            }
            """;
        const string entry = $$"""
            using Microsoft.Extensions.DependencyInjection;

            namespace App;

            public static class Entry
            {
                public static async Task<string> RunAsync()
                {
                    var recorder = new Harness.LogRecorder();
                    using var host = App.Hosting.AssistantHost.Create(new Harness.ScriptedChatClient(), recorder);
                    var answer = await host.Services.GetRequiredService<App.Hosting.SupportAgent>().AnswerAsync("{{Question}}");
                    return recorder.Report(answer);
                }
            }
            """;

        var result = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
            project, ThrowawayProject.Files(("Registration.cs", registration), ("SupportAgent.cs", agent), ("Entry.cs", entry)),
            ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey, FixMode.FixAll, OnlySL0001);

        Assert.Empty(result.Unfixed);
        Assert.Equal(agent, result.Files["SupportAgent.cs"]);
        Assert.Contains(
            """
                    builder.Services.AddChatClient(model)
                        .UseLogging()
                        .UseFunctionInvocation();
            """,
            result.Files["Registration.cs"]);

        await project.BuildAsync(result.Files, OnlySL0001);
        var run = await project.RunEntryAsync();

        Assert.Equal(ScriptedAnswer.Text, run.Result);
        Assert.Contains(run.Entries, entry => entry.Category == "Microsoft.Extensions.AI.LoggingChatClient" && entry.Message == "GetResponseAsync completed.");
        AssertNoContent(run);
    }

    [Fact]
    public async Task No_UseLogging_fix_where_the_pipeline_could_not_resolve_a_logger_factory()
    {
        const string source = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            namespace App.Unfixable;

            // No factory in scope: UseLogging() would ask the empty provider of Build() for one and throw at start.
            public sealed class NoFactory(IChatClient model)
            {
                private readonly IChatClient _client = model.AsBuilder().UseFunctionInvocation().Build();

                public async Task<string> AskAsync(string question) => (await _client.GetResponseAsync(question)).Text;
            }

            // A container without logging: UseLogging() on its registration would throw when the client is resolved.
            public static class BareContainer
            {
                public static ServiceProvider Create(IChatClient model)
                {
                    var services = new ServiceCollection();
                    services.AddChatClient(model);
                    services.AddSingleton<Consumer>();
                    return services.BuildServiceProvider();
                }
            }

            public sealed class Consumer(IChatClient client)
            {
                public async Task<string> AskAsync(string question) => (await client.GetResponseAsync(question)).Text;
            }
            """;

        var result = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
            project, ThrowawayProject.Files(("Unfixable.cs", source)), ModelCallNotAuditLoggedCodeFixProvider.UseLoggingKey, FixMode.OneByOne, OnlySL0001);

        Assert.Equal(0, result.Applied);
        Assert.Equal(["SL0001 Unfixable.cs(11,75)", "SL0001 Unfixable.cs(28,74)"], result.Unfixed);
    }

    [Fact]
    public async Task Outcome_logs_for_OpenAI_and_Semantic_Kernel_results_and_the_audit_method_build_and_run()
    {
        const string outcomes = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Logging;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            using OpenAI.Embeddings;
            using OpenAI.Responses;

            namespace App.Outcomes;

            public sealed class OpenAIOutcomes(ILogger<OpenAIOutcomes> logger, ChatClient chat, EmbeddingClient embeddings, ResponsesClient responses)
            {
                public async Task<string> CompletionAsync(string question)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(question));
                    return completion.Content[0].Text;
                }

                public async Task<string> ClientResultAsync(string question)
                {
                    var result = await chat.CompleteChatAsync(new UserChatMessage(question));
                    return result.Value.Content[0].Text;
                }

                public async Task<int> EmbeddingsAsync(string question)
                {
                    var vectors = await embeddings.GenerateEmbeddingsAsync([question]);
                    return vectors.Value.Count;
                }

                public async Task<string> ResponseAsync(string question)
                {
                    var response = await responses.CreateResponseAsync("gpt-4o", question);
                    return response.Value.GetOutputText();
                }
            }

            public sealed class GeneratorOutcome(ILogger<GeneratorOutcome> logger, IEmbeddingGenerator<string, Embedding<float>> generator)
            {
                public async Task<int> EmbedAsync(string question)
                {
                    var vectors = await generator.GenerateAsync([question]);
                    return vectors.Count;
                }
            }

            public sealed class KernelOutcomes(ILogger logger, IChatCompletionService chat, Kernel kernel)
            {
                public async Task<string?> ChatAsync(string question)
                {
                    var reply = await chat.GetChatMessageContentAsync(question);
                    return reply.Content;
                }

                public async Task<string> PromptAsync(string question)
                {
                    var result = await kernel.InvokePromptAsync(question);
                    return result.ToString();
                }
            }
            """;
        const string audited = """
            using Microsoft.Extensions.AI;

            namespace App.Audit;

            public static class AuditTrail
            {
                public static readonly List<string> Records = [];

                public static void Record(ChatResponse response) => Records.Add($"{response.ModelId} {response.ResponseId} {response.FinishReason}");
            }

            public sealed class AuditedAssistant(IChatClient client)
            {
                public async Task<string> AskAsync(string question)
                {
                    var response = await client.GetResponseAsync(question);
                    return response.Text;
                }
            }
            """;
        const string entry = $$"""
            using Microsoft.SemanticKernel.ChatCompletion;

            namespace App;

            public static class Entry
            {
                public static async Task<string> RunAsync()
                {
                    var recorder = new Harness.LogRecorder();
                    using var loggers = Harness.LogRecorder.CreateFactory(recorder);
                    var model = new Harness.ScriptedChatClient();
                    var kernel = new App.Outcomes.KernelOutcomes(loggers.CreateLogger("App.Outcomes.KernelOutcomes"), model.AsChatCompletionService(), new Microsoft.SemanticKernel.Kernel());
                    var reply = await kernel.ChatAsync("{{Question}}");
                    var audited = await new App.Audit.AuditedAssistant(model).AskAsync("{{Question}}");
                    return recorder.Report(reply + "|" + audited + "|" + string.Join(";", App.Audit.AuditTrail.Records));
                }
            }
            """;
        const string options = OnlySL0001 + "\nshiftleft.audit_log_methods = App.Audit.AuditTrail.Record";
        var files = ThrowawayProject.Files(("Outcomes.cs", outcomes), ("Audited.cs", audited), ("Entry.cs", entry));

        var logged = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
            project, files, ModelCallNotAuditLoggedCodeFixProvider.LogOutcomeKey, FixMode.FixAll, options);
        var result = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
            project, logged.Files, ModelCallNotAuditLoggedCodeFixProvider.AuditMethodKey, FixMode.FixAll, options);

        Assert.Empty(result.Unfixed);
        var text = result.Files["Outcomes.cs"];
        Assert.Contains("completion.Model, completion.Id, completion.FinishReason, completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount);", text);
        Assert.Contains("result.Value.Model, result.Value.Id, result.Value.FinishReason, result.Value.Usage.InputTokenCount, result.Value.Usage.OutputTokenCount);", text);
        Assert.Contains("\"Model call {ModelCall} completed: model {ModelId}, {InputTokens} input tokens, {EmbeddingCount} embeddings\", \"EmbeddingClient.GenerateEmbeddingsAsync\", vectors.Value.Model, vectors.Value.Usage.InputTokenCount, vectors.Value.Count);", text);
        Assert.Contains("response.Value.Model, response.Value.Id, response.Value.Status, response.Value.Usage.InputTokenCount, response.Value.Usage.OutputTokenCount);", text);
        Assert.Contains("\"Model call {ModelCall} completed: {InputTokens} input tokens, {EmbeddingCount} embeddings\", \"IEmbeddingGenerator.GenerateAsync\", vectors.Usage?.InputTokenCount, vectors.Count);", text);
        Assert.Contains("reply.ModelId, reply.Metadata?.GetValueOrDefault(\"Id\"), reply.Metadata?.GetValueOrDefault(\"FinishReason\"));", text);
        Assert.Contains("result.Metadata?.GetValueOrDefault(\"Id\"), result.Metadata?.GetValueOrDefault(\"FinishReason\"));", text);
        Assert.Contains(
            """
                    var response = await client.GetResponseAsync(question);
                    App.Audit.AuditTrail.Record(response);
            """.Replace("App.Audit.", string.Empty),
            result.Files["Audited.cs"]);

        await project.BuildAsync(result.Files, options);
        var run = await project.RunEntryAsync();

        var parts = run.Result!.Split('|');
        Assert.Equal([ScriptedAnswer.Text, ScriptedAnswer.Text, $"{ScriptedAnswer.ModelId} {ScriptedAnswer.ResponseId} stop"], parts);
        var audit = Assert.Single(run.Entries, entry => entry.Message.StartsWith("Model call", StringComparison.Ordinal));
        Assert.Equal("ChatCompletionServiceExtensions.GetChatMessageContentAsync", audit.State["ModelCall"]);
        Assert.Equal(ScriptedAnswer.ModelId, audit.State["ModelId"]);
        AssertNoContent(run);
    }

    /// <summary>Neither the question nor the model's answer reaches any log entry.</summary>
    private static void AssertNoContent(RunReport run) => Assert.Empty(run.EntriesContaining(Question, ScriptedAnswer.Text));
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Consumption;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.Consumption.GenerativeCallWithoutOutputLimitAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.Consumption;

/// <summary>
/// SL0010 on the real packages: a generative call is reported (as a suggestion, on the call) when neither its settings,
/// its prompt function's settings, its client pipeline (ConfigureOptions, agent options, a DI registration) nor its SDK
/// bounds the output; settings the analysis cannot see keep it quiet.
/// </summary>
public sealed class GenerativeCallWithoutOutputLimitTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        """;

    [Fact]
    public async Task Chat_client_calls_without_a_limit_in_their_options_or_pipeline_are_reported_on_the_call()
    {
        const string source = Usings + """
            using OpenAI;

            class Assistant(IChatClient inner)
            {
                private readonly IChatClient _client = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient().AsBuilder().UseLogging().Build();

                async Task<string> NoOptions(string question) => (await _client.{|#0:GetResponseAsync(question)|}).Text;

                async Task<string> OptionsWithoutLimit(string question) =>
                    (await _client.{|#1:GetResponseAsync(question, new ChatOptions { Temperature = 0.2f })|}).Text;

                async Task<string> LocalOptions(string question)
                {
                    var options = new ChatOptions { ModelId = "gpt-4o" };
                    options.Temperature = 0.1f;
                    return (await _client.{|#2:GetResponseAsync(question, options)|}).Text;
                }

                async Task Streaming(string question)
                {
                    await foreach (var update in _client.{|#3:GetStreamingResponseAsync(question)|})
                    {
                        Console.Write(update.Text);
                    }
                }
            }
            """;
        const string hint = "pass ChatOptions with MaxOutputTokens, or set it for the client with ConfigureOptions";
        await Verify.VerifyAsync(
            source,
            expected:
            [
                Expected(0, "Model call 'ChatClientExtensions.GetResponseAsync' sets no output-token limit: " + hint),
                Expected(1, "Model call 'ChatClientExtensions.GetResponseAsync' sets no output-token limit: " + hint),
                Expected(2, "Model call 'ChatClientExtensions.GetResponseAsync' sets no output-token limit: " + hint),
                Expected(3, "Model call 'ChatClientExtensions.GetStreamingResponseAsync' sets no output-token limit: " + hint),
            ]);
    }

    [Fact]
    public async Task A_limit_in_the_options_the_pipeline_or_the_sdk_bounds_the_call()
    {
        const string source = Usings + """
            using Anthropic;
            using OpenAI;

            class Assistant(ChatOptions callerOptions)
            {
                private readonly IChatClient _model = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient();
                private readonly ChatOptions _options = new() { MaxOutputTokens = 400 };
                private readonly IChatClient _configured = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient()
                    .AsBuilder().ConfigureOptions(options => options.MaxOutputTokens ??= 800).UseLogging().Build();
                private readonly IChatClient _claude = new AnthropicClient().AsIChatClient("claude-sonnet-4-5");

                async Task Inline(string q) => await _model.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = 500 });

                async Task Field(string q) => await _model.GetResponseAsync(q, _options);

                async Task SetLater(string q)
                {
                    var options = new ChatOptions();
                    options.MaxOutputTokens = 300;
                    await _model.GetResponseAsync(q, options);
                }

                async Task ThroughAdditionalProperties(string q)
                {
                    var options = new ChatOptions { AdditionalProperties = new() { ["max_tokens"] = 300 } };
                    await _model.GetResponseAsync(q, options);
                }

                async Task Pipeline(string q) => await _configured.GetResponseAsync(q);

                async Task LocalPipeline(string q)
                {
                    var client = _model.AsBuilder().Use(async (messages, options, next, cancellationToken) =>
                    {
                        options ??= new ChatOptions();
                        options.MaxOutputTokens = 256;
                        await next(messages, options, cancellationToken);
                    }).Build();
                    await client.GetResponseAsync(q);
                }

                // Anthropic requires max_tokens: its IChatClient sends 1024 unless told otherwise.
                async Task Claude(string q) => await _claude.GetResponseAsync(q);

                // The caller's options: set where the analysis does not look.
                async Task Passed(string q, ChatOptions? options) => await _model.GetResponseAsync(q, options);

                async Task FromConstructor(string q) => await _model.GetResponseAsync(q, callerOptions);

                async Task Embeddings(IEmbeddingGenerator<string, Embedding<float>> generator, string q) => await generator.GenerateAsync(q);
            }

            // Middleware forwards the application's call; its own call is not another finding.
            sealed class Tracing(IChatClient inner) : DelegatingChatClient(inner)
            {
                public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
                    base.GetResponseAsync(messages, options, cancellationToken);
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task An_injected_client_is_reported_only_when_the_compilation_registers_clients_and_none_limits_output()
    {
        const string service = Usings + """
            class Answers(IChatClient client)
            {
                async Task<string> Ask(string q) => (await client.{|#0:GetResponseAsync(q)|}).Text;
            }
            """;
        const string registration = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;

            static class Registration
            {
                public static void Add(IServiceCollection services, IChatClient model) => services.AddChatClient(model).UseLogging();
            }
            """;
        var reported = Verify.Create(service);
        reported.TestState.Sources.Add(registration);
        reported.ExpectedDiagnostics.Add(new DiagnosticResult("SL0010", DiagnosticSeverity.Info).WithLocation(0));
        reported.MarkupOptions = MarkupOptions.UseFirstDescriptor;
        await reported.RunAsync();

        var bounded = Verify.Create(service.Replace("{|#0:", string.Empty).Replace(")|}", ")"));
        bounded.TestState.Sources.Add(registration.Replace(".UseLogging()", ".ConfigureOptions(options => options.MaxOutputTokens ??= 1000).UseLogging()"));
        await bounded.RunAsync();

        // No registration in this compilation: the client is configured where this library is used.
        await Verify.VerifyAsync(service.Replace("{|#0:", string.Empty).Replace(")|}", ")"));
    }

    [Fact]
    public async Task OpenAI_chat_and_responses_calls_need_a_max_output_token_count()
    {
        const string source = Usings + """
            using OpenAI.Chat;
            using OpenAI.Responses;

            class Assistant(ChatClient chat, ResponsesClient responses)
            {
                async Task Unbounded(string q)
                {
                    await chat.{|#0:CompleteChatAsync([new UserChatMessage(q)])|};
                    await chat.{|#1:CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { Temperature = 0.3f })|};
                    await responses.{|#2:CreateResponseAsync("gpt-4o-mini", q)|};
                }

                async Task Bounded(string q)
                {
                    await chat.CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { MaxOutputTokenCount = 300 });
                    var options = new CreateResponseOptions { MaxOutputTokenCount = 300 };
                    await responses.CreateResponseAsync(options);
                }
            }
            """;
        await Verify.VerifyAsync(
            source,
            expected:
            [
                Expected(0, "Model call 'ChatClient.CompleteChatAsync' sets no output-token limit: pass ChatCompletionOptions with MaxOutputTokenCount"),
                Expected(1, "Model call 'ChatClient.CompleteChatAsync' sets no output-token limit: pass ChatCompletionOptions with MaxOutputTokenCount"),
                Expected(2, "Model call 'ResponsesClient.CreateResponseAsync' sets no output-token limit: pass CreateResponseOptions with MaxOutputTokenCount"),
            ]);
    }

    [Fact]
    public async Task Semantic_Kernel_calls_are_bounded_by_their_settings_or_the_settings_their_prompt_function_was_created_with()
    {
        const string source = Usings + """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            class Writer(Kernel kernel, IChatCompletionService chat)
            {
                private static readonly PromptExecutionSettings Short = new() { ExtensionData = new Dictionary<string, object> { ["max_tokens"] = 200 } };

                async Task Unbounded(string topic)
                {
                    await kernel.{|#0:InvokePromptAsync($"Write about {topic}")|};
                    var history = new ChatHistory("You write.");
                    history.AddUserMessage(topic);
                    await chat.{|#1:GetChatMessageContentAsync(history)|};
                    var summarize = kernel.CreateFunctionFromPrompt("Summarize {{$input}}");
                    await kernel.{|#2:InvokeAsync(summarize, new KernelArguments { ["input"] = topic })|};
                }

                async Task Bounded(string topic)
                {
                    await kernel.InvokePromptAsync($"Write about {topic}", new KernelArguments(Short));
                    var history = new ChatHistory("You write.");
                    await chat.GetChatMessageContentAsync(history, Short);
                    var summarize = kernel.CreateFunctionFromPrompt("Summarize {{$input}}", Short);
                    await kernel.InvokeAsync(summarize, new KernelArguments { ["input"] = topic });
                    var config = new PromptTemplateConfig("Title for {{$input}}");
                    config.AddExecutionSettings(new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { { "max_tokens", 20 } } });
                    var title = kernel.CreateFunctionFromPrompt(config);
                    await title.InvokeAsync(kernel, new KernelArguments { ["input"] = topic });
                }

                // A function made elsewhere (a YAML or Prompty file, a plugin directory, the caller) carries its settings where the analysis does not look.
                async Task Elsewhere(KernelFunction function) => await kernel.InvokeAsync(function);
            }
            """;
        const string hint = "give the prompt execution settings with a max-tokens value (in its KernelArguments or where the prompt function is created)";
        await Verify.VerifyAsync(
            source,
            expected:
            [
                Expected(0, "Model call 'KernelExtensions.InvokePromptAsync' sets no output-token limit: " + hint),
                Expected(1, "Model call 'ChatCompletionServiceExtensions.GetChatMessageContentAsync' sets no output-token limit: pass execution settings with a max-tokens value (OpenAIPromptExecutionSettings.MaxTokens, or ExtensionData[\"max_tokens\"])"),
                Expected(2, "Model call 'Kernel.InvokeAsync' sets no output-token limit: " + hint),
            ]);
    }

    [Fact]
    public async Task Agent_runs_are_bounded_by_their_run_options_or_the_agents_chat_options()
    {
        const string source = Usings + """
            using Microsoft.Agents.AI;
            using OpenAI;

            class Agents
            {
                private static IChatClient Model() => new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient();

                async Task Unbounded()
                {
                    var agent = new ChatClientAgent(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient(), instructions: "You help.");
                    await agent.{|#0:RunAsync("Plan my week")|};

                    // Middleware that forwards to the agent it wraps (its own 'inner' parameter) adds no limit.
                    var wrapped = agent.AsBuilder().Use((messages, session, options, inner, token) => inner.RunAsync(messages, session, options, token), null).Build();
                    await wrapped.{|#1:RunAsync("Plan my week")|};

                    // The client's key and model read from the environment: values handed to the layers, not a client built elsewhere.
                    var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("OPENAI_API_KEY is not set.");
                    IChatClient configured = new OpenAIClient(key).GetChatClient(Environment.GetEnvironmentVariable("MODEL") ?? "gpt-4o-mini").AsIChatClient();
                    AIAgent assistant = configured.AsAIAgent(instructions: "You help.", name: "Assistant");
                    await assistant.{|#2:RunAsync("Plan my week")|};
                }

                async Task Bounded()
                {
                    var limited = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient()
                        .AsAIAgent(new ChatClientAgentOptions { Name = "Planner", ChatOptions = new() { MaxOutputTokens = 600 } });
                    await limited.RunAsync("Plan my week");
                    var agent = new ChatClientAgent(new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient(), instructions: "You help.");
                    await agent.RunAsync("Plan my week", options: new ChatClientAgentRunOptions(new ChatOptions { MaxOutputTokens = 300 }));
                }
            }
            """;
        const string message = "Model call 'AIAgent.RunAsync' sets no output-token limit: pass ChatClientAgentRunOptions whose ChatOptions set MaxOutputTokens, or set it in the agent's ChatClientAgentOptions.ChatOptions";
        await Verify.VerifyAsync(source, expected: [Expected(0, message), Expected(1, message), Expected(2, message)]);
    }

    [Fact]
    public async Task Anthropic_calls_are_always_bounded_and_Azure_Inference_and_Ollama_need_their_own_limits()
    {
        const string source = Usings + """
            using Anthropic;
            using Anthropic.Models.Messages;
            using Azure.AI.Inference;
            using OllamaSharp;
            using OllamaSharp.Models;

            class Clients(AnthropicClient claude, ChatCompletionsClient azure, IOllamaApiClient ollama)
            {
                async Task Claude(string q) =>
                    await claude.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 1024, Messages = [new UserMessageParam { Content = q }] });

                async Task Azure(string q)
                {
                    await azure.{|#0:CompleteAsync(new ChatCompletionsOptions { Messages = { new ChatRequestUserMessage(q) } })|};
                    await azure.CompleteAsync(new ChatCompletionsOptions { Messages = { new ChatRequestUserMessage(q) }, MaxTokens = 400 });
                }

                async Task Ollama(string q)
                {
                    var chat = new Chat(ollama);
                    await foreach (var token in chat.{|#1:SendAsync(q)|})
                    {
                        Console.Write(token);
                    }

                    var bounded = new Chat(ollama) { Options = new RequestOptions { NumPredict = 256 } };
                    await foreach (var token in bounded.SendAsync(q))
                    {
                        Console.Write(token);
                    }
                }
            }
            """;
        await Verify.VerifyAsync(
            source,
            expected:
            [
                Expected(0, "Model call 'ChatCompletionsClient.CompleteAsync' sets no output-token limit: set ChatCompletionsOptions.MaxTokens"),
                Expected(1, "Model call 'Chat.SendAsync' sets no output-token limit: set RequestOptions.NumPredict"),
            ]);
    }

    [Fact]
    public async Task Nothing_is_registered_when_no_AI_SDK_is_referenced()
    {
        const string source = """
            class ChatClient { public string CompleteChat(string q) => q; }
            class C { string M(ChatClient c) => c.CompleteChat("hi"); }
            """;
        await Verify.VerifyAsync(source, references: ShiftLeftReferences.LoggingOnly);
        Assert.Equal(0, await AnalyzerTelemetry.RegisteredActionCountAsync(new GenerativeCallWithoutOutputLimitAnalyzer(), source, ShiftLeftReferences.LoggingOnly));
        Assert.True(await AnalyzerTelemetry.RegisteredActionCountAsync(new GenerativeCallWithoutOutputLimitAnalyzer(), source, ShiftLeftReferences.AllSdks) > 0);
    }

    [Fact]
    public void The_rule_is_a_suggestion_by_default()
    {
        var descriptor = Assert.Single(new GenerativeCallWithoutOutputLimitAnalyzer().SupportedDiagnostics);
        Assert.Equal(DiagnosticSeverity.Info, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
    }

    private static DiagnosticResult Expected(int markup, string message) =>
        new DiagnosticResult("SL0010", DiagnosticSeverity.Info).WithLocation(markup).WithMessage(message);
}

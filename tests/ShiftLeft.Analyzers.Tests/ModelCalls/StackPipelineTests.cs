using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>
/// Each stack's own logging and guarding, on the real packages: Semantic Kernel kernels with logging and filters (on the
/// kernel or in the container it is built from), Microsoft.Extensions.AI pipelines where any layer logs or guards
/// (middleware delegates, the compilation's own DelegatingChatClient, an inner client resolved from DI), and Agent
/// Framework agents over a logged or guarded chat client or with agent middleware.
/// </summary>
public sealed class StackPipelineTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using Microsoft.SemanticKernel;

        """;

    // A model call on a client injected from the container the registrations above fill.
    private const string InjectedClientCall = """
        class TicketSummarizer(IChatClient chatClient)
        {
            async Task<string> Summarise(string ticket)
            {
                var response = await chatClient.{|#0:GetResponseAsync(ticket)|};
                return response.Text;
            }
        }
        """;

    // Filters as the Semantic Kernel samples write them (Concepts/Filtering/TelemetryWithFilters.cs, PIIDetection.cs).
    private const string Filters = """
        public sealed class PromptLoggingFilter(ILogger logger) : IPromptRenderFilter
        {
            public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
            {
                await next(context);
                logger.LogTrace("Rendered prompt: {Prompt}", context.RenderedPrompt);
            }
        }

        public sealed class FunctionLoggingFilter(ILogger logger) : IFunctionInvocationFilter
        {
            public async Task OnFunctionInvocationAsync(Microsoft.SemanticKernel.FunctionInvocationContext context, Func<Microsoft.SemanticKernel.FunctionInvocationContext, Task> next)
            {
                logger.LogInformation("Function {FunctionName} invoking.", context.Function.Name);
                try
                {
                    await next(context);
                }
                catch (Exception exception)
                {
                    logger.LogError(exception, "Function failed.");
                    throw;
                }

                logger.LogTrace("Function result: {Result}", context.Result);
            }
        }

        public sealed class PiiBlockingFilter : IPromptRenderFilter
        {
            public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
            {
                await next(context);
                if (context.RenderedPrompt!.Contains('@'))
                {
                    throw new KernelException("Prompt contains PII information. Operation is canceled.");
                }
            }
        }

        public sealed class PromptAnonymizerFilter : IPromptRenderFilter
        {
            public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
            {
                await next(context);
                context.RenderedPrompt = context.RenderedPrompt!.Replace("John Smith", "ANONYMIZED");
            }
        }

        public sealed class CountingFilter : IFunctionInvocationFilter
        {
            public static int Count;

            public async Task OnFunctionInvocationAsync(Microsoft.SemanticKernel.FunctionInvocationContext context, Func<Microsoft.SemanticKernel.FunctionInvocationContext, Task> next)
            {
                Count++;
                await next(context);
            }
        }

        """;

    private static DiagnosticResult SL0001(string call) => new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0);

    private static DiagnosticResult SL0002(string call) => new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(0);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        ShiftLeftAnalyzerTest<ModelCallAnalyzer>.VerifyAsync(source, expected: expected);

    [Fact]
    public Task A_kernel_whose_builder_registers_logging_is_logged() => VerifyAsync(Usings + """
        class Writer
        {
            async Task<string> Draft(string topic)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddLogging();
                var kernel = builder.Build();
                var result = await kernel.{|#0:InvokePromptAsync($"Write a FAQ entry about {topic}.")|};
                return result.ToString();
            }
        }
        """, SL0002("KernelExtensions.InvokePromptAsync"));

    // OlivIA's shape: the kernel is built in a set-up method, through a local builder, and kept in a field.
    private const string KernelSetUpElsewhere = """
        class Assistant
        {
            private Kernel _kernel = null!;

            public void Initialize(bool withLogging)
            {
                var builder = Kernel.CreateBuilder();
                if (withLogging)
                {
                    builder.Services.AddLogging();
                }

                _kernel = builder.Build();
            }

            public async Task<string> Answer(string question)
            {
                var result = await _kernel.{|#0:InvokePromptAsync($"Answer: {question}")|};
                return result.ToString();
            }
        }
        """;

    [Fact]
    public Task A_kernel_field_set_up_in_another_method_through_a_builder_that_registers_logging_is_logged() =>
        VerifyAsync(Usings + KernelSetUpElsewhere, SL0002("KernelExtensions.InvokePromptAsync"));

    [Fact]
    public Task A_kernel_field_set_up_in_another_method_without_logging_is_not_logged() =>
        VerifyAsync(Usings + KernelSetUpElsewhere.Replace("builder.Services.AddLogging();", "builder.Services.AddSingleton<string>(\"none\");", StringComparison.Ordinal),
            SL0001("KernelExtensions.InvokePromptAsync"), SL0002("KernelExtensions.InvokePromptAsync"));

    // OlivIA's other shape: the builder is a field made in the constructor; a set-up method registers logging on it and
    // builds the kernel into another field; the chat service is read from that kernel.
    [Fact]
    public Task A_builder_field_given_logging_in_the_method_that_builds_the_kernel_field_is_logged() => VerifyAsync("using Microsoft.SemanticKernel.ChatCompletion;\n" + Usings + """
        class Agent
        {
            private readonly IKernelBuilder builder;
            private Kernel? kernel;
            private IChatCompletionService? chat;

            public Agent() => this.builder = Kernel.CreateBuilder();

            public void Build()
            {
                this.builder.Services.AddLogging();
                this.kernel = this.builder.Build();
                this.chat = this.kernel.GetRequiredService<IChatCompletionService>();
            }

            public async Task<string> Send(ChatHistory history)
            {
                var reply = await this.chat!.{|#0:GetChatMessageContentAsync(history, null, this.kernel)|};
                return reply.Content ?? string.Empty;
            }
        }
        """, SL0002("ChatCompletionServiceExtensions.GetChatMessageContentAsync"));

    [Fact]
    public Task A_kernel_without_logging_or_filters_is_neither_logged_nor_guarded() => VerifyAsync(Usings + Filters + """
        class Writer
        {
            async Task<string> Draft(string topic)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton<IFunctionInvocationFilter, CountingFilter>();
                var kernel = builder.Build();
                var result = await kernel.{|#0:InvokePromptAsync($"Write a FAQ entry about {topic}.")|};
                return result.ToString();
            }
        }
        """, SL0001("KernelExtensions.InvokePromptAsync"), SL0002("KernelExtensions.InvokePromptAsync"));

    [Fact]
    public Task Filters_registered_in_the_kernel_services_log_and_guard_its_prompts() => VerifyAsync(Usings + Filters + """
        class Writer(ILogger<Writer> logger)
        {
            async Task<string> Draft(string topic)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton<ILogger>(logger);
                builder.Services.AddSingleton<IPromptRenderFilter, PromptLoggingFilter>();
                builder.Services.AddSingleton<IPromptRenderFilter>(sp => new PiiBlockingFilter());
                var kernel = builder.Build();
                var result = await kernel.InvokePromptAsync($"Write a FAQ entry about {topic}.");
                return result.ToString();
            }
        }
        """);

    [Fact]
    public Task Filters_added_to_the_kernel_log_and_guard_its_prompt_functions() => VerifyAsync(Usings + Filters + """
        class Writer(ILogger<Writer> logger)
        {
            async Task<string> Draft(Kernel kernel, string topic)
            {
                kernel.FunctionInvocationFilters.Add(new FunctionLoggingFilter(logger));
                kernel.PromptRenderFilters.Add(new PromptAnonymizerFilter());
                var draft = kernel.CreateFunctionFromPrompt("Write a FAQ entry about {{$topic}}.");
                var result = await kernel.InvokeAsync(draft, new() { ["topic"] = topic });
                return result.ToString();
            }
        }
        """);

    [Fact]
    public Task A_filter_that_only_logs_does_not_guard() => VerifyAsync(Usings + Filters + """
        class Writer(ILogger<Writer> logger)
        {
            async Task<string> Draft(string topic)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton<IPromptRenderFilter>(new PromptLoggingFilter(logger));
                var kernel = builder.Build();
                var result = await kernel.{|#0:InvokePromptAsync($"Write a FAQ entry about {topic}.")|};
                return result.ToString();
            }
        }
        """, SL0002("KernelExtensions.InvokePromptAsync"));

    [Fact]
    public Task An_auto_function_invocation_filter_that_terminates_does_not_guard_the_prompt() => VerifyAsync(Usings + """
        sealed class StopAfterFirstTool : IAutoFunctionInvocationFilter
        {
            public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
            {
                if (context.FunctionSequenceIndex > 0)
                {
                    context.Terminate = true;
                    return;
                }

                await next(context);
            }
        }

        class Writer
        {
            async Task<string> Draft(string topic)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddLogging();
                builder.Services.AddSingleton<IAutoFunctionInvocationFilter>(new StopAfterFirstTool());
                var kernel = builder.Build();
                var result = await kernel.{|#0:InvokePromptAsync($"Write a FAQ entry about {topic}.")|};
                return result.ToString();
            }
        }
        """, SL0002("KernelExtensions.InvokePromptAsync"));

    [Fact]
    public Task An_injected_kernel_is_logged_and_guarded_by_the_container_it_is_built_from() => VerifyAsync(Usings + Filters + """
        static class Startup
        {
            public static IServiceProvider Build()
            {
                var services = new ServiceCollection();
                services.AddLogging();
                services.AddKernel();
                services.AddSingleton<IPromptRenderFilter, PiiBlockingFilter>();
                services.AddTransient<Writer>();
                return services.BuildServiceProvider();
            }
        }

        class Writer(Kernel kernel)
        {
            async Task<string> Draft(string topic) => (await kernel.InvokePromptAsync($"Write a FAQ entry about {topic}.")).ToString();
        }
        """);

    [Fact]
    public Task A_chat_service_resolved_from_a_logged_kernel_is_logged_but_not_guarded_by_its_filters() => VerifyAsync("using Microsoft.SemanticKernel.ChatCompletion;\n" + Usings + Filters + """
        class Chat
        {
            async Task<string> Ask(string question)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddLogging();
                builder.Services.AddSingleton<IPromptRenderFilter, PiiBlockingFilter>();
                var kernel = builder.Build();
                var chat = kernel.GetRequiredService<IChatCompletionService>();
                var reply = await chat.{|#0:GetChatMessageContentAsync(question)|};
                return reply.Content ?? "";
            }
        }
        """, SL0002("ChatCompletionServiceExtensions.GetChatMessageContentAsync"));

    // blurlzy/semantic-kernel-demo: a plugin imported by type gets its embedding service from the kernel's services.
    private const string SearchPlugin = """
        #pragma warning disable SKEXP0001
        public sealed class SearchPlugin(ITextEmbeddingGenerationService embeddings)
        {
            [KernelFunction]
            public async Task<int> Search(string query) => (await embeddings.{|#0:GenerateEmbeddingAsync(query)|}).Length;
        }
        """;

    [Fact]
    public Task An_embedding_service_from_a_kernel_whose_services_log_is_logged() => VerifyAsync("using Microsoft.SemanticKernel.Embeddings;\n" + Usings + """
        static class Startup
        {
            public static void Register(IServiceCollection services) =>
                services.AddScoped<Kernel>(sp =>
                {
                    var builder = Kernel.CreateBuilder();
                    builder.Services.AddLogging();
                    var kernel = builder.Build();
                    kernel.ImportPluginFromType<SearchPlugin>();
                    return kernel;
                });
        }

        """ + SearchPlugin);

    [Fact]
    public Task An_embedding_service_with_no_logging_anywhere_is_not_logged() => VerifyAsync("using Microsoft.SemanticKernel.Embeddings;\n" + Usings + """
        static class Startup
        {
            public static void Register(IServiceCollection services) =>
                services.AddScoped<Kernel>(sp => Kernel.CreateBuilder().Build());
        }

        """ + SearchPlugin,
        new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0)
            .WithMessage("Model call 'EmbeddingGenerationExtensions.GenerateEmbeddingAsync' is not audit-logged: log its prompt or response, or resolve the service from a kernel whose services register logging (builder.Services.AddLogging(...))"));

    [Fact]
    public Task An_inner_client_resolved_from_DI_is_logged_by_its_registration() => VerifyAsync(Usings + """
        static class Startup
        {
            public static void Register(IServiceCollection services, IChatClient openAi) =>
                services.AddChatClient(openAi).UseLogging();
        }

        class Assistant(IServiceProvider services)
        {
            async Task<string> Ask(string question)
            {
                var client = new ChatClientBuilder(services.GetRequiredService<IChatClient>()).UseFunctionInvocation().Build();
                var response = await client.{|#0:GetResponseAsync(question)|};
                return response.Text;
            }
        }
        """, SL0002("ChatClientExtensions.GetResponseAsync"));

    [Fact]
    public Task A_registration_handed_on_by_a_helper_and_given_its_layers_through_a_local_is_logged() => VerifyAsync(Usings + """
        // dotnet/eShopSupport's ServiceDefaults: helpers return the registration's builder, the caller adds the layers.
        static class ChatClientRegistration
        {
            public static ChatClientBuilder AddLocalChatClient(this IServiceCollection services, IChatClient local)
            {
                ChatClientBuilder chatClientBuilder = services.AddChatClient(_ => local);
                chatClientBuilder.UseFunctionInvocation();
                return chatClientBuilder;
            }

            public static ChatClientBuilder AddRemoteChatClient(this IServiceCollection services, IChatClient remote) =>
                services.AddChatClient(_ => remote);

            public static void AddChatCompletionService(this IServiceCollection services, bool local, IChatClient client)
            {
                ChatClientBuilder chatClientBuilder = local ? services.AddLocalChatClient(client) : services.AddRemoteChatClient(client);
                chatClientBuilder.UseFunctionInvocation().UseOpenTelemetry(configure: c => c.EnableSensitiveData = false);
            }
        }

        """ + InjectedClientCall, SL0002("ChatClientExtensions.GetResponseAsync"));

    [Fact]
    public Task A_registration_handed_on_without_a_logging_layer_is_not_logged() => VerifyAsync(Usings + """
        static class ChatClientRegistration
        {
            public static ChatClientBuilder AddRemoteChatClient(this IServiceCollection services, IChatClient remote) =>
                services.AddChatClient(_ => remote);

            public static void AddChatCompletionService(this IServiceCollection services, IChatClient client)
            {
                var chatClientBuilder = services.AddRemoteChatClient(client);
                chatClientBuilder.UseFunctionInvocation();
            }
        }

        """ + InjectedClientCall, SL0001("ChatClientExtensions.GetResponseAsync"), SL0002("ChatClientExtensions.GetResponseAsync"));

    [Fact]
    public Task Middleware_that_logs_or_guards_makes_the_pipeline_logged_or_guarded() => VerifyAsync(Usings + """
        sealed class AuditingChatClient(IChatClient inner, ILogger logger) : DelegatingChatClient(inner)
        {
            public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var response = await base.GetResponseAsync(messages, options, cancellationToken);
                logger.LogInformation("Model {Model} answered {ResponseId}", response.ModelId, response.ResponseId);
                return response;
            }
        }

        class Assistant(IChatClient inner, ILogger<Assistant> logger)
        {
            async Task<string> Ask(string question)
            {
                var client = inner.AsBuilder()
                    .Use(innerClient => new AuditingChatClient(innerClient, logger))
                    .Use(async (messages, options, next, cancellationToken) =>
                    {
                        if (messages.Any(message => message.Text.Contains("ignore previous instructions", StringComparison.OrdinalIgnoreCase)))
                        {
                            throw new InvalidOperationException("Prompt injection attempt blocked.");
                        }

                        await next(messages, options, cancellationToken);
                    })
                    .Build();
                var response = await client.GetResponseAsync(question);
                return response.Text;
            }
        }
        """);

    [Fact]
    public Task An_agent_over_a_logged_chat_client_is_logged() => VerifyAsync(Usings + """
        using Microsoft.Agents.AI;
        class Assistant(IChatClient inner, ILoggerFactory loggerFactory)
        {
            async Task<string> Ask(string question)
            {
                var chatClient = inner.AsBuilder().UseLogging(loggerFactory).Build();
                var agent = new ChatClientAgent(chatClient, instructions: "You answer questions about orders.");
                var response = await agent.{|#0:RunAsync(question)|};
                return response.Text;
            }
        }
        """, SL0002("AIAgent.RunAsync"));

    [Fact]
    public Task Agent_middleware_and_agent_telemetry_log_and_guard_the_agent() => VerifyAsync(Usings + """
        using Microsoft.Agents.AI;
        class Assistant(IChatClient chatClient)
        {
            async Task<string> Ask(string question)
            {
                var agent = chatClient.AsAIAgent(instructions: "You answer questions about orders.")
                    .AsBuilder()
                    .UseOpenTelemetry(sourceName: "Orders")
                    .Use(async (messages, session, options, next, cancellationToken) =>
                    {
                        if (messages.Any(message => message.Text.Length > 4000))
                        {
                            throw new InvalidOperationException("Request too long.");
                        }

                        await next(messages, session, options, cancellationToken);
                    })
                    .Build();
                var response = await agent.RunAsync(question);
                return response.Text;
            }
        }
        """);

    [Fact]
    public Task The_call_a_middleware_delegate_forwards_is_not_a_finding_but_a_service_method_taking_a_client_is() => VerifyAsync(Usings + """
        using Microsoft.Agents.AI;
        class Assistant
        {
            static async Task<AgentResponse> RedactingMiddleware(IEnumerable<ChatMessage> messages, AgentSession? session, AgentRunOptions? options, AIAgent innerAgent, CancellationToken cancellationToken)
            {
                var redacted = messages.Select(message => new ChatMessage(message.Role, message.Text.Replace("@", " at "))).ToList();
                return await innerAgent.RunAsync(redacted, session, options, cancellationToken);
            }

            static async Task<string> Ask(AIAgent agent, IEnumerable<ChatMessage> history) => (await agent.{|#0:RunAsync(history)|}).Text;
        }
        """, SL0001("AIAgent.RunAsync"), SL0002("AIAgent.RunAsync"));

    [Fact]
    public Task An_agent_with_no_logging_anywhere_is_reported() => VerifyAsync(Usings + """
        using Microsoft.Agents.AI;
        class Assistant(ILoggerFactory loggerFactory)
        {
            async Task<string> Ask(IChatClient chatClient, string question)
            {
                var agent = chatClient.AsAIAgent(instructions: "You answer questions about orders.", loggerFactory: loggerFactory);
                var response = await agent.{|#0:RunAsync(question)|};
                return response.Text;
            }
        }
        """, SL0001("AIAgent.RunAsync"), SL0002("AIAgent.RunAsync"));
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0002>;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>
/// SL0002 about risk, against the real SDKs and ASP.NET Core: an unguarded call is reported when its prompt carries
/// outside data (named in the message), not when it is built only from constants, embedded resources, configuration
/// and files at constant paths; <c>shiftleft.guardrail_scope = all</c> reports every call.
/// </summary>
public sealed class UntrustedPromptTests
{
    internal const string Declare = "declare a guardrail the prompt or the result passes through (a method marked [Guardrail] or listed in shiftleft.guardrail_methods)";
    internal const string ExtensionsAi = Declare + ", or a guarding layer in the client pipeline (a .Use(...) delegate or DelegatingChatClient that can block or rewrite)";
    internal const string Kernel = Declare + ", or a prompt-render or function-invocation filter on the kernel that can block or rewrite the prompt";
    internal const string Provider = Declare;

    [Fact]
    public async Task Prompts_built_only_from_constants_configuration_resources_and_constant_files_are_not_reported()
    {
        var source = """
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Options;
            class PromptOptions { public string SystemPrompt { get; set; } = ""; }
            class Demo
            {
                private const string Instructions = "You are terse.";
                private static readonly string Greeting = "Say hello to " + Audience + ".";
                private const string Audience = "the team";
                private readonly string _fromConstructor;
                public Demo() => _fromConstructor = Instructions + " Today is " + DateTime.Now.DayOfWeek;

                static string Template() => "Summarise the release notes in three bullets.";

                async Task Run(IChatClient client, IConfiguration configuration, IOptions<PromptOptions> options, int count)
                {
                    await client.GetResponseAsync("Tell me a joke.");
                    await client.GetResponseAsync($"{Instructions} List {count} colours.");
                    await client.GetResponseAsync(Greeting);
                    await client.GetResponseAsync(_fromConstructor);
                    await client.GetResponseAsync(Template());
                    await client.GetResponseAsync(configuration["Prompts:Welcome"] ?? "");
                    await client.GetResponseAsync(options.Value.SystemPrompt);
                    using var reader = new StreamReader(typeof(Demo).Assembly.GetManifestResourceStream("Demo.prompt.txt")!);
                    await client.GetResponseAsync(reader.ReadToEnd());
                    await client.GetResponseAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "prompts", "summary.txt")));
                    var first = await client.GetResponseAsync("Name a planet.");
                    await client.GetResponseAsync("Describe " + first.Text);
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_parameter_console_input_a_file_and_network_content_are_named()
    {
        var source = """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            class Assistant
            {
                async Task Run(IChatClient client, HttpClient http, string question, string path)
                {
                    await client.{|#0:GetResponseAsync("Answer briefly: " + question)|};
                    var line = Console.ReadLine() ?? "";
                    await client.{|#1:GetResponseAsync(new ChatMessage(ChatRole.User, line))|};
                    await client.{|#2:GetResponseAsync(File.ReadAllText(path))|};
                    var page = await http.GetStringAsync("https://example.com/news");
                    await client.{|#3:GetResponseAsync($"Summarise: {page}")|};
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Sends(0, "ChatClientExtensions.GetResponseAsync", "the parameter 'question'", ExtensionsAi),
            Sends(1, "ChatClientExtensions.GetResponseAsync", "console input", ExtensionsAi),
            Sends(2, "ChatClientExtensions.GetResponseAsync", "the content of a file whose path is not a constant", ExtensionsAi),
            Sends(3, "ChatClientExtensions.GetResponseAsync", "content downloaded with HttpClient", ExtensionsAi),
        ]);
    }

    [Fact]
    public async Task Database_values_tool_results_and_retrieved_documents_are_named()
    {
        var source = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.AI;
            using ModelContextProtocol.Client;
            using OpenAI.Chat;
            class Product { public int Id { get; set; } public string Description { get; set; } = ""; }
            class Shop : DbContext { public DbSet<Product> Products => Set<Product>(); }
            class ShopProducts : DbContext { public DbSet<Product> Products { get; set; } = null!; }
            class Assistant
            {
                async Task Run(IChatClient client, ChatClient chat, ShopProducts db, McpClient mcp)
                {
                    var product = db.Products.First(p => p.Id == 7);
                    await client.{|#0:GetResponseAsync("Write an ad for: " + product.Description)|};
                    var weather = await mcp.CallToolAsync("weather", new Dictionary<string, object?> { ["city"] = "Oslo" });
                    await chat.{|#1:CompleteChatAsync(new UserChatMessage("Summarise: " + weather.Content[0]))|};
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Sends(0, "ChatClientExtensions.GetResponseAsync", "the database table 'Products'", ExtensionsAi),
            Sends(1, "ChatClient.CompleteChatAsync", "an MCP tool result", Provider),
        ]);
    }

    [Fact]
    public async Task Retrieved_documents_are_named()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.VectorData;
            public sealed class Doc { [VectorStoreKey] public string Id { get; set; } = ""; [VectorStoreData] public string Text { get; set; } = ""; }
            class Rag
            {
                async Task<string> Answer(IChatClient client, VectorStoreCollection<string, Doc> docs)
                {
                    var context = "";
                    await foreach (var hit in docs.SearchAsync("return policy", top: 3))
                    {
                        context += hit.Record.Text + "\n";
                    }

                    return (await client.{|#0:GetResponseAsync("Answer from these notes only:\n" + context)|}).Text;
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: Sends(0, "ChatClientExtensions.GetResponseAsync", "documents retrieved from a vector store", ExtensionsAi));
    }

    [Fact]
    public async Task A_call_that_invokes_tools_automatically_carries_the_results_of_tools_that_bring_outside_data()
    {
        // The tool's parameter is the model's argument, not outside data; a file read at a path the model chose is.
        // Stub tools, traced plugins and the other stacks: ToolResultTests.
        var source = """
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            class Assistant
            {
                private readonly ChatOptions _options = new() { Tools = [AIFunctionFactory.Create((string path) => File.ReadAllText(path), "read_file")] };
                async Task Run(IChatClient client, Kernel kernel)
                {
                    await client.{|#0:GetResponseAsync("Summarise notes.txt", _options)|};
                    await client.GetResponseAsync("What should I wear today?", new ChatOptions { Temperature = 0 });
                    await kernel.InvokePromptAsync("Hello", new KernelArguments(new PromptExecutionSettings { ServiceId = "fast", ModelId = "gpt-4o" }));
                    var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
                    await kernel.{|#1:InvokePromptAsync("What time is it?", new KernelArguments(settings))|};
                    var manual = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(autoInvoke: false) };
                    await kernel.InvokePromptAsync("What time is it?", new KernelArguments(manual));
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Sends(0, "ChatClientExtensions.GetResponseAsync", "the results of tool 'read_file', which returns the content of a file whose path is not a constant", ExtensionsAi),
            Sends(1, "KernelExtensions.InvokePromptAsync", "the results of tools the model calls, which could not be traced (the kernel is the parameter 'kernel')", Kernel),
        ]);
    }

    [Fact]
    public async Task Controller_minimal_API_SignalR_and_request_reads_are_request_data()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.AI;
            public sealed record Question(string Text);
            [ApiController]
            public sealed class AskController(IChatClient client) : ControllerBase
            {
                [HttpPost]
                public async Task<string> Ask([FromBody] Question question) => (await client.{|#0:GetResponseAsync(question.Text)|}).Text;

                [HttpGet]
                public async Task<string> Search([FromQuery] string q) => (await client.{|#1:GetResponseAsync("Find: " + q)|}).Text;

                [HttpGet("raw")]
                public async Task<string> Raw() => (await client.{|#2:GetResponseAsync("Find: " + Request.Query["q"])|}).Text;
            }
            public sealed class ChatHub(IChatClient client) : Hub
            {
                public async Task Send(string message) => await client.{|#3:GetResponseAsync(message)|};
            }
            static class Endpoints
            {
                public static void Map(WebApplication app, IChatClient client) =>
                    app.MapPost("/ask", async (Question body) => (await client.{|#4:GetResponseAsync(body.Text)|}).Text);
            }
            """;
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.AddRange(
        [
            Sends(0, "ChatClientExtensions.GetResponseAsync", "the request body", ExtensionsAi),
            Sends(1, "ChatClientExtensions.GetResponseAsync", "the query-string parameter 'q'", ExtensionsAi),
            Sends(2, "ChatClientExtensions.GetResponseAsync", "the query string", ExtensionsAi),
            Sends(3, "ChatClientExtensions.GetResponseAsync", "the SignalR message argument 'message'", ExtensionsAi),
            Sends(4, "ChatClientExtensions.GetResponseAsync", "the request parameter 'body'", ExtensionsAi),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task A_minimal_api_handler_mapped_by_name_sends_the_request_parameter()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.AI;
            public record Question(string Text);
            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapPost("/ask", AskAsync);

                private static async Task<string> AskAsync(Question question, IChatClient client) =>
                    (await client.{|#0:GetResponseAsync(question.Text)|}).Text;
            }
            """;
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.Add(Sends(0, "ChatClientExtensions.GetResponseAsync", "the request parameter 'question'", ExtensionsAi));
        await test.RunAsync();
    }

    [Fact]
    public async Task Blazor_component_parameters_and_chat_history_fed_by_another_method_are_named()
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;
            using Microsoft.Extensions.AI;
            public sealed class Ask : ComponentBase
            {
                [Parameter] public string Question { get; set; } = "";
                [Inject] private IChatClient Client { get; set; } = default!;
                private async Task Send() => await Client.{|#0:GetResponseAsync(Question)|};
            }
            public sealed class ChatState(IChatClient client)
            {
                private readonly List<ChatMessage> _messages = [new(ChatRole.System, "You help shoppers.")];
                public void Add(string userText) => _messages.Add(new ChatMessage(ChatRole.User, userText));
                public async Task ReplyAsync() => await client.{|#1:GetResponseAsync(_messages)|};
            }
            """;
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.AddRange(
        [
            Sends(0, "ChatClientExtensions.GetResponseAsync", "the component parameter 'Question'", ExtensionsAi),
            Sends(1, "IChatClient.GetResponseAsync", "the parameter 'userText'", ExtensionsAi),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task The_eShop_chat_state_sends_the_user_text_it_was_given()
    {
        // The shape of eShop's WebApp ChatState: a messages property fed by the method that calls the model (eShop's also
        // gives the call tools, which the message then names: see the test of automatically invoked tools).
        var source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            public class ChatState
            {
                private readonly IChatClient _chatClient;
                private readonly ChatOptions _chatOptions;
                public ChatState(IChatClient chatClient)
                {
                    _chatClient = chatClient;
                    _chatOptions = new() { Temperature = 0 };
                    Messages = [new ChatMessage(ChatRole.System, "You are an AI customer service agent."), new ChatMessage(ChatRole.Assistant, "Hi!")];
                }

                public IList<ChatMessage> Messages { get; }

                public async Task AddUserMessageAsync(string userText, Action onMessageAdded)
                {
                    Messages.Add(new ChatMessage(ChatRole.User, userText));
                    onMessageAdded();
                    try
                    {
                        var response = await _chatClient.{|#0:GetResponseAsync(Messages, _chatOptions)|};
                        if (!string.IsNullOrWhiteSpace(response.Text))
                        {
                            Messages.AddMessages(response);
                        }
                    }
                    catch (Exception)
                    {
                        Messages.Add(new ChatMessage(ChatRole.Assistant, "My apologies."));
                    }
                }

                private Task<string> GetCartContents() => Task.FromResult("[]");
            }
            """;
        await Verify.VerifyAsync(source, expected: Sends(0, "IChatClient.GetResponseAsync", "the parameter 'userText'", ExtensionsAi));
    }

    [Fact]
    public async Task Guardrail_scope_all_reports_every_unguarded_call_and_configured_sources_are_named()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Contoso { static class Tickets { public static string Latest() => "printer is on fire"; } }
            class Demo
            {
                async Task Run(IChatClient client)
                {
                    await client.{|#0:GetResponseAsync("Tell me a joke.")|};
                    await client.{|#1:GetResponseAsync("Triage: " + Contoso.Tickets.Latest())|};
                }
            }
            """;
        await Verify.VerifyAsync(source, editorConfig: "shiftleft.guardrail_scope = all\nshiftleft.untrusted_source_methods = Contoso.Tickets.Latest", expected:
        [
            new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage("Model call 'ChatClientExtensions.GetResponseAsync' has no guardrail (shiftleft.guardrail_scope = all): " + ExtensionsAi),
            Sends(1, "ChatClientExtensions.GetResponseAsync", "the result of 'Tickets.Latest'", ExtensionsAi),
        ]);
    }

    internal static DiagnosticResult Sends(int markup, string call, string source, string how) =>
        new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage($"Model call '{call}' sends {source} to the model without a guardrail: {how}");
}

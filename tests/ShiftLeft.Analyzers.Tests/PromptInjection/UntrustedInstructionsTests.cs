using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.Tests.Verification;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.PromptInjection.UntrustedInstructionsAnalyzer>;

namespace ShiftLeft.Analyzers.Tests.PromptInjection;

/// <summary>
/// SL0006 against the real SDKs (Microsoft.Extensions.AI 11, OpenAI 2.15, Semantic Kernel 1.82, Microsoft.Agents.AI 1.28,
/// Anthropic 13.15) and ASP.NET Core: attacker-controlled data reaching a system or developer message or a model's or
/// agent's instructions is reported on the sink, naming the source; constants, configuration, plain parameters the
/// analysis cannot follow, and user-role messages are not.
/// </summary>
public sealed class UntrustedInstructionsTests
{
    private const string Advice = "whoever controls it can rewrite the model's instructions, and a guardrail does not prevent that; keep the instructions constant and send the value in a user-role message";

    [Fact]
    public async Task Microsoft_Extensions_AI_system_messages_and_instructions_from_outside_are_reported()
    {
        var source = """
            using System;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            class Assistant
            {
                async Task Run(IChatClient client, HttpClient http, string path)
                {
                    var line = Console.ReadLine() ?? "";
                    await client.GetResponseAsync([{|#0:new ChatMessage(ChatRole.System, "You are terse. " + line)|}, new ChatMessage(ChatRole.User, "Hi")]);
                    var persona = File.ReadAllText(path);
                    await client.GetResponseAsync("Hi", new ChatOptions { {|#1:Instructions = persona|} });
                    var page = await http.GetStringAsync("https://example.com/rules");
                    var options = new ChatOptions();
                    {|#2:options.Instructions = $"Follow these rules: {page}"|};
                    await client.GetResponseAsync([{|#3:new ChatMessage(new ChatRole("system"), page)|}], options);
                    await client.GetResponseAsync([new ChatMessage { Role = ChatRole.System, {|#4:Contents = [new TextContent(page)]|} }, new ChatMessage { Role = ChatRole.User, Contents = [new TextContent(page)] }]);
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Reaches(0, "Console input", "the system message"),
            Reaches(1, "The content of a file whose path is not a constant", "the chat options' instructions (ChatOptions.Instructions)"),
            Reaches(2, "Content downloaded with HttpClient", "the chat options' instructions (ChatOptions.Instructions)"),
            Reaches(3, "Content downloaded with HttpClient", "the system message"),
            Reaches(4, "Content downloaded with HttpClient", "the system message"),
        ]);
    }

    [Fact]
    public async Task Constants_configuration_resources_constant_files_plain_parameters_and_user_messages_are_not_reported()
    {
        var source = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;
            using AiMessage = Microsoft.Extensions.AI.ChatMessage;
            class PromptOptions { public string SystemPrompt { get; set; } = ""; }
            class Assistant
            {
                private const string Persona = "You are terse.";
                static AiMessage System(string text) => new AiMessage(ChatRole.System, text);
                public static AiMessage Public(string instructions) => new(ChatRole.System, "Rules: " + instructions);

                async Task Run(IChatClient client, ChatClient chat, IConfiguration configuration, IOptions<PromptOptions> options, string tone, ChatRole role)
                {
                    var line = Console.ReadLine() ?? "";
                    var prompt = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "prompts", "system.txt"));
                    await client.GetResponseAsync(new List<AiMessage>
                    {
                        new(ChatRole.System, Persona + " Today is " + DateTime.UtcNow.DayOfWeek),
                        new(ChatRole.System, configuration["Prompts:System"] ?? ""),
                        new(ChatRole.System, options.Value.SystemPrompt),
                        new(ChatRole.System, prompt),
                        new(ChatRole.System, "Answer in a " + tone + " tone."),
                        System(Persona),
                        new(ChatRole.User, line),
                        new(role, line),
                    });
                    await client.GetResponseAsync(line, new ChatOptions { Instructions = Persona });
                    await chat.CompleteChatAsync(new SystemChatMessage(Persona), new UserChatMessage(line));
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task OpenAI_system_and_developer_messages_are_reported()
    {
        var source = """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;
            using OpenAI.Chat;
            class Product { public int Id { get; set; } public string Notes { get; set; } = ""; }
            class Shop : DbContext { public DbSet<Product> Products { get; set; } = null!; }
            class Assistant
            {
                async Task Run(ChatClient chat, Shop db)
                {
                    var notes = db.Products.First(p => p.Id == 7).Notes;
                    await chat.CompleteChatAsync({|#0:new SystemChatMessage("Product notes: " + notes)|}, new UserChatMessage("Describe it."));
                    await chat.CompleteChatAsync({|#1:new DeveloperChatMessage(notes)|});
                    await chat.CompleteChatAsync({|#2:ChatMessage.CreateSystemMessage(notes)|});
                    await chat.CompleteChatAsync({|#3:ChatMessage.CreateDeveloperMessage(Console.ReadLine() ?? "")|});
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Reaches(0, "The database table 'Products'", "the system message"),
            Reaches(1, "The database table 'Products'", "the developer message"),
            Reaches(2, "The database table 'Products'", "the system message"),
            Reaches(3, "Console input", "the developer message"),
        ]);
    }

    [Fact]
    public async Task OpenAI_responses_and_assistants_instructions_are_reported()
    {
        var source = """
            using System;
            using OpenAI.Assistants;
            using OpenAI.Responses;
            class Assistant
            {
                void Run()
                {
                    var line = Console.ReadLine() ?? "";
                    var response = new CreateResponseOptions { {|#0:Instructions = line|} };
                    var item = {|#1:ResponseItem.CreateSystemMessageItem(line)|};
                    var developer = {|#2:ResponseItem.CreateDeveloperMessageItem(line)|};
                    var assistant = new AssistantCreationOptions { {|#3:Instructions = "Be brief. " + line|} };
                    var run = new RunCreationOptions { {|#4:AdditionalInstructions = line|} };
                    var user = ResponseItem.CreateUserMessageItem(line);
                    var fixedOne = new CreateResponseOptions { Instructions = "Be brief." };
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Reaches(0, "Console input", "the response's instructions (CreateResponseOptions.Instructions)"),
            Reaches(1, "Console input", "the system message"),
            Reaches(2, "Console input", "the developer message"),
            Reaches(3, "Console input", "the assistant's instructions"),
            Reaches(4, "Console input", "the run's additional instructions"),
        ]);
    }

    [Fact]
    public async Task Semantic_Kernel_chat_history_system_messages_are_reported()
    {
        var source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Memory;
            class Assistant
            {
                async Task Run(IChatCompletionService chat, ISemanticTextMemory memory)
                {
                    var line = Console.ReadLine() ?? "";
                    var history = {|#0:new ChatHistory(line)|};
                    {|#1:history.AddSystemMessage("Context: " + line)|};
                    {|#2:history.AddDeveloperMessage(line)|};
                    {|#3:history.AddMessage(AuthorRole.System, line)|};
                    history.Add({|#4:new ChatMessageContent(AuthorRole.System, line)|});
                    var other = {|#5:new ChatHistory(line, AuthorRole.System)|};
                    await foreach (var found in memory.SearchAsync("docs", "refunds"))
                    {
                        {|#6:history.AddSystemMessage(found.Metadata.Text)|};
                    }

                    history.AddUserMessage(line);
                    history.AddMessage(AuthorRole.User, line);
                    var safe = new ChatHistory("You are terse.");
                    safe.AddSystemMessage("Answer in English.");
                    var fromUser = new ChatHistory(line, AuthorRole.User);
                    await chat.GetChatMessageContentsAsync(history);
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Reaches(0, "Console input", "the chat history's system message"),
            Reaches(1, "Console input", "the system message"),
            Reaches(2, "Console input", "the developer message"),
            Reaches(3, "Console input", "the system message"),
            Reaches(4, "Console input", "the system message"),
            Reaches(5, "Console input", "the chat history's system message"),
            Reaches(6, "Documents retrieved from memory", "the system message"),
        ]);
    }

    [Fact]
    public async Task Agent_instructions_from_request_data_are_reported_on_the_argument_s_call()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.AI;
            public sealed class AgentsController(IChatClient client) : ControllerBase
            {
                [HttpPost]
                public async Task<string> Ask([FromBody] string persona, [FromQuery] string question)
                {
                    var agent = {|#0:new ChatClientAgent(client, instructions: "You are " + persona, name: "helper")|};
                    var other = {|#1:client.AsAIAgent(instructions: persona)|};
                    var built = {|#2:client.AsBuilder().BuildAIAgent(instructions: question)|};
                    var fixedOne = client.AsAIAgent(instructions: "You answer questions about the shop.");
                    var withOptions = new ChatClientAgent(client, new ChatClientAgentOptions { ChatOptions = new ChatOptions { {|#3:Instructions = persona|} } });
                    return (await fixedOne.RunAsync(question)).Text;
                }
            }
            """;
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.AddRange(
        [
            Reaches(0, "The request body", "the agent's instructions"),
            Reaches(1, "The request body", "the agent's instructions"),
            Reaches(2, "The query-string parameter 'question'", "the agent's instructions"),
            Reaches(3, "The request body", "the chat options' instructions (ChatOptions.Instructions)"),
        ]);
        await test.RunAsync();
    }

    [Fact]
    public async Task Anthropic_system_parameter_from_a_minimal_api_request_is_reported()
    {
        var source = """
            using Anthropic;
            using Anthropic.Models.Messages;
            using Microsoft.AspNetCore.Builder;
            public record Persona(string Text);
            static class Endpoints
            {
                public static void Map(WebApplication app, AnthropicClient claude)
                {
                    app.MapPost("/ask", async (Persona persona) =>
                    {
                        var request = new MessageCreateParams
                        {
                            Model = "claude-sonnet-4-5",
                            MaxTokens = 512,
                            {|#0:System = persona.Text|},
                            Messages = [new UserMessageParam { Content = "Hello" }],
                        };
                        var safe = new MessageCreateParams
                        {
                            Model = "claude-sonnet-4-5",
                            MaxTokens = 512,
                            System = "You are terse.",
                            Messages = [new UserMessageParam { Content = persona.Text }],
                        };
                        return (await claude.Messages.Create(request)).Content.Count + (await claude.Messages.Create(safe)).Content.Count;
                    });
                }
            }
            """;
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.Add(Reaches(0, "The request parameter 'persona'", "the system prompt (MessageCreateParams.System)"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_minimal_api_handler_mapped_as_a_method_group_receives_request_data()
    {
        // The shape of dotnet/eShopSupport's AssistantApi: the ticket the customer wrote goes into the system message (its
        // $$ raw string is written with $ here: $$ is the test markup's caret).
        var source = """"
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.AI;
            public record AssistantChatRequest(int? ProductId, string CustomerName, string TicketSummary, string TicketLastCustomerMessage);
            public static class AssistantApi
            {
                public static void Map(WebApplication app) => app.MapPost("/api/assistant/chat", GetResponseAsync);

                private static async Task GetResponseAsync(AssistantChatRequest request, HttpContext httpContext, IChatClient chatClient)
                {
                    var messages = new List<ChatMessage>([{|#0:new(ChatRole.System, $"""
                        You help customer service agents.
                        <summary>{request.TicketSummary}</summary>
                        <customer_message>{request.TicketLastCustomerMessage}</customer_message>
                        """)|}]);
                    await httpContext.Response.WriteAsync((await chatClient.GetResponseAsync(messages)).Text);
                }

                private static ChatMessage NotMapped(AssistantChatRequest request) => new(ChatRole.System, request.TicketSummary);
            }
            """";
        var test = Verify.Create(source, references: ShiftLeftReferences.WithAspNetCore);
        test.ExpectedDiagnostics.Add(Reaches(0, "The request parameter 'request'", "the system message"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Parameters_are_followed_where_the_analysis_can_follow_them()
    {
        // A private helper's parameter is a plain parameter (quiet); a local function called with console input is followed.
        var source = """
            using System;
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            class Assistant
            {
                List<ChatMessage> Build(string extra)
                {
                    ChatMessage System(string text) => {|#0:new ChatMessage(ChatRole.System, text)|};
                    return [System(Console.ReadLine() ?? ""), new ChatMessage(ChatRole.System, extra)];
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: [Reaches(0, "Console input", "the system message")]);
    }

    [Fact]
    public async Task A_helper_s_parameter_is_followed_to_the_calls_in_its_type()
    {
        var source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.VectorData;
            using Microsoft.SemanticKernel.ChatCompletion;
            class Document { public string Text { get; set; } = ""; }
            class Assistant
            {
                private static ChatHistory Start(string context)
                {
                    var system = $"Answer from this context only: {context}";
                    return {|#0:new ChatHistory(system)|};
                }

                private static ChatHistory Quiet(string persona) => new ChatHistory("You are " + persona);

                async Task Run(VectorStoreCollection<string, Document> documents, string question)
                {
                    var fixedOne = Start("the handbook");
                    await foreach (var hit in documents.SearchAsync(question, top: 3))
                    {
                        var fromSearch = Start(hit.Record.Text);
                    }

                    var plain = Quiet(question);
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            new DiagnosticResult("SL0006", DiagnosticSeverity.Warning).WithLocation(0)
                .WithMessage($"Documents retrieved from a vector store, passed by a call of 'Start', reaches the chat history's system message: {Advice}"),
        ]);
    }

    [Fact]
    public async Task A_tool_or_MCP_result_in_the_instructions_is_reported()
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using ModelContextProtocol.Client;
            class Assistant
            {
                async Task Run(IChatClient client, McpClient mcp)
                {
                    var policy = await mcp.CallToolAsync("policy", new Dictionary<string, object?>());
                    await client.GetResponseAsync("Hi", new ChatOptions { {|#0:Instructions = "Apply: " + policy.Content[0]|} });
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: [Reaches(0, "An MCP tool result", "the chat options' instructions (ChatOptions.Instructions)")]);
    }

    [Fact]
    public async Task Allow_dangerously_set_content_is_reported_when_the_member_hands_the_template_outside_data()
    {
        var source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            class Assistant
            {
                async Task Run(Kernel kernel)
                {
                    var config = new PromptTemplateConfig("<message role=\"user\">{{input}}</message>") { TemplateFormat = "handlebars", {|#0:AllowDangerouslySetContent = true|} };
                    var function = kernel.CreateFunctionFromPrompt(config);
                    await kernel.InvokeAsync(function, new KernelArguments { ["input"] = Console.ReadLine() });
                }

                async Task Variable(Kernel kernel)
                {
                    var config = new PromptTemplateConfig("{{$input}} {{$style}}")
                    {
                        InputVariables =
                        [
                            new() { Name = "input", AllowDangerouslySetContent = false },
                            new() { Name = "style", {|#1:AllowDangerouslySetContent = true|} },
                        ],
                    };
                    var arguments = new KernelArguments();
                    arguments["input"] = "fixed";
                    arguments["style"] = Console.ReadLine();
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(config), arguments);
                }

                async Task Factory(Kernel kernel, string topic)
                {
                    var factory = new KernelPromptTemplateFactory { {|#2:AllowDangerouslySetContent = true|} };
                    var arguments = new KernelArguments { { "topic", Console.ReadLine() } };
                    await kernel.InvokePromptAsync("{{$topic}}", arguments, promptTemplateFactory: factory);
                }
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            Dangerous(0, "the template argument 'input'", "console input"),
            Dangerous(1, "the template argument 'style'", "console input"),
            Dangerous(2, "the template argument 'topic'", "console input"),
        ]);
    }

    [Fact]
    public async Task Allow_dangerously_set_content_with_trusted_or_unseen_arguments_or_another_variable_is_not_reported()
    {
        var source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            class Assistant
            {
                async Task Trusted(Kernel kernel)
                {
                    var config = new PromptTemplateConfig("{{input}}") { TemplateFormat = "handlebars", AllowDangerouslySetContent = true };
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(config), new KernelArguments { ["input"] = "<message role=\"system\">fixed</message>" });
                }

                async Task Unseen(Kernel kernel, KernelArguments arguments)
                {
                    var factory = new KernelPromptTemplateFactory { AllowDangerouslySetContent = true };
                    var config = new PromptTemplateConfig("{{$input}}");
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(config, promptTemplateFactory: factory), arguments);
                }

                async Task OtherVariable(Kernel kernel)
                {
                    var config = new PromptTemplateConfig("{{$input}} {{$style}}")
                    {
                        InputVariables = [new() { Name = "style", AllowDangerouslySetContent = true }],
                    };
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(config), new KernelArguments { ["input"] = Console.ReadLine(), ["style"] = "plain" });
                }

                async Task DefaultFormat(Kernel kernel)
                {
                    // On a config of the default format the flag unencodes function results only, never variables.
                    var config = new PromptTemplateConfig("{{$input}}") { AllowDangerouslySetContent = true };
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(config), new KernelArguments { ["input"] = Console.ReadLine() });
                }

                async Task Off(Kernel kernel)
                {
                    var config = new PromptTemplateConfig("{{$input}}") { AllowDangerouslySetContent = false };
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(config), new KernelArguments { ["input"] = Console.ReadLine() });
                }
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Nothing_is_registered_without_an_AI_SDK()
    {
        var source = """
            using System;
            class ChatMessage { public ChatMessage(string role, string text) { } }
            class Program
            {
                static void Main() => _ = new ChatMessage("system", Console.ReadLine() ?? "");
            }
            """;
        await Verify.VerifyAsync(source, references: ShiftLeftReferences.LoggingOnly);
    }

    private static DiagnosticResult Reaches(int markup, string source, string sink) =>
        new DiagnosticResult("SL0006", DiagnosticSeverity.Warning).WithLocation(markup).WithMessage($"{source} reaches {sink}: {Advice}");

    private static DiagnosticResult Dangerous(int markup, string argument, string source) =>
        new DiagnosticResult("SL0006", DiagnosticSeverity.Warning).WithLocation(markup)
            .WithMessage($"AllowDangerouslySetContent = true stops Semantic Kernel encoding {argument}, which carries {source}: its text can close the message it sits in and add a system message; remove the flag");
}

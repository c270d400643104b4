using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.Tests.Verification;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>
/// The model-call shapes of the Agent Framework (Microsoft.Agents.AI), Semantic Kernel prompt functions and the official
/// Anthropic SDK, compiled against the real packages: each is found as a model call by SL0001 and SL0002.
/// </summary>
public sealed class CallShapeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;

        """;

    private static Task VerifyBothRulesAsync(string source, string callName) =>
        ShiftLeftAnalyzerTest<ModelCallAnalyzer>.VerifyAsync(
            source,
            expected:
            [
                new DiagnosticResult("SL0001", DiagnosticSeverity.Warning).WithLocation(0),
                new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(0),
            ]);

    [Fact]
    public async Task Agent_run_is_a_model_call()
    {
        var source = Usings + """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            class Assistant
            {
                async Task<string> Ask(IChatClient chatClient, string question)
                {
                    AIAgent agent = chatClient.AsAIAgent(instructions: "You answer questions about orders.");
                    var response = await agent.{|#0:RunAsync(question)|};
                    return response.Text;
                }
            }
            """;
        await VerifyBothRulesAsync(source, "AIAgent.RunAsync");
    }

    [Fact]
    public async Task Streaming_run_of_a_chat_client_agent_is_a_model_call()
    {
        var source = Usings + """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            class Assistant
            {
                async Task Ask(IChatClient chatClient, string question)
                {
                    var agent = new ChatClientAgent(chatClient, instructions: "You answer questions.", name: "Helper");
                    await foreach (var update in agent.{|#0:RunStreamingAsync(question)|})
                    {
                        Console.Write(update.Text);
                    }
                }
            }
            """;
        // RunStreamingAsync(string) is declared on AIAgent (ChatClientAgent adds overloads taking its own run options).
        await VerifyBothRulesAsync(source, "AIAgent.RunStreamingAsync");
    }

    [Fact]
    public async Task Agent_run_with_messages_is_a_model_call()
    {
        var source = Usings + """
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            class Assistant
            {
                Task<AgentResponse> Ask(AIAgent agent, string question) =>
                    agent.{|#0:RunAsync(new List<ChatMessage> { new(ChatRole.User, question) })|};
            }
            """;
        await VerifyBothRulesAsync(source, "AIAgent.RunAsync");
    }

    [Fact]
    public async Task Invoking_a_prompt_function_through_the_kernel_is_a_model_call()
    {
        var source = Usings + """
            using Microsoft.SemanticKernel;
            class Summarizer
            {
                async Task<string> Summarize(Kernel kernel, string text)
                {
                    var summarize = kernel.CreateFunctionFromPrompt("Summarize in one sentence: {{$input}}");
                    var result = await kernel.{|#0:InvokeAsync(summarize, new() { ["input"] = text })|};
                    return result.ToString();
                }
            }
            """;
        await VerifyBothRulesAsync(source, "Kernel.InvokeAsync");
    }

    [Fact]
    public async Task Invoking_a_prompt_function_directly_is_a_model_call()
    {
        var source = Usings + """
            using Microsoft.SemanticKernel;
            class Summarizer
            {
                private readonly KernelFunction _summarize = KernelFunctionFactory.CreateFromPrompt("Summarize: {{$input}}");

                async Task<string> Summarize(Kernel kernel, string text)
                {
                    var result = await _summarize.{|#0:InvokeAsync(kernel, new KernelArguments { ["input"] = text })|};
                    return result.GetValue<string>() ?? "";
                }
            }
            """;
        await VerifyBothRulesAsync(source, "KernelFunction.InvokeAsync");
    }

    [Fact]
    public async Task A_function_of_a_prompt_directory_plugin_is_a_prompt_function()
    {
        var source = Usings + """
            using Microsoft.SemanticKernel;
            class Jokes
            {
                async Task Tell(Kernel kernel, string topic)
                {
                    var plugin = kernel.ImportPluginFromPromptDirectory("Plugins/FunPlugin");
                    await foreach (var chunk in kernel.{|#0:InvokeStreamingAsync(plugin["Joke"], new() { ["input"] = topic })|})
                    {
                        Console.Write(chunk);
                    }
                }
            }
            """;
        await VerifyBothRulesAsync(source, "Kernel.InvokeStreamingAsync");
    }

    [Fact]
    public async Task Native_and_unknown_kernel_functions_are_not_model_calls()
    {
        var source = Usings + """
            using Microsoft.SemanticKernel;
            class Clock
            {
                async Task<string> Now(Kernel kernel, KernelFunction injected)
                {
                    var now = kernel.CreateFunctionFromMethod(() => DateTime.UtcNow.ToString("R"), "Now");
                    var a = await kernel.InvokeAsync(now);
                    var b = await now.InvokeAsync(kernel);
                    var c = await kernel.InvokeAsync(injected);
                    var d = await kernel.InvokeAsync("TimePlugin", "Today");
                    return $"{a}{b}{c}{d}";
                }
            }
            """;
        await ShiftLeftAnalyzerTest<ModelCallAnalyzer>.VerifyAsync(source);
    }

    // The Messages API request, as the Anthropic SDK's README builds it.
    private const string AnthropicParameters = """
        static class Parameters
        {
            public static MessageCreateParams For(string question) => new()
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 1024,
                Messages = [new UserMessageParam { Content = question }],
            };
        }

        """;

    [Fact]
    public async Task Anthropic_message_creation_is_a_model_call()
    {
        var source = Usings + """
            using Anthropic;
            using Anthropic.Models.Messages;
            """ + AnthropicParameters + """
            class Assistant
            {
                async Task<string> Ask(AnthropicClient client, string question)
                {
                    var parameters = Parameters.For(question);
                    var message = await client.Messages.{|#0:Create(parameters)|};
                    return message.ID;
                }
            }
            """;
        await VerifyBothRulesAsync(source, "IMessageService.Create");
    }

    [Fact]
    public async Task Anthropic_streaming_is_a_model_call_and_logging_the_response_satisfies_SL0001()
    {
        var source = Usings + """
            using Anthropic;
            using Anthropic.Models.Messages;
            """ + AnthropicParameters + """
            class Assistant(ILogger<Assistant> logger)
            {
                async Task Ask(IAnthropicClient client, string question)
                {
                    var parameters = Parameters.For(question);
                    await foreach (var streamEvent in client.Messages.{|#0:CreateStreaming(parameters)|})
                    {
                        logger.LogInformation("Claude stream event {Event}", streamEvent);
                    }
                }
            }
            """;
        await ShiftLeftAnalyzerTest<ModelCallAnalyzer>.VerifyAsync(
            source, expected: new DiagnosticResult("SL0002", DiagnosticSeverity.Warning).WithLocation(0));
    }
}

using Microsoft.CodeAnalysis.Testing;
using Verify = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftAnalyzerTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0002>;

namespace ShiftLeft.Analyzers.Tests.ModelCalls;

/// <summary>
/// SL0002 on a helper whose prompt is its own parameter, against the real SDKs: when no code outside the compilation can
/// call the helper and every call of it is in view, its callers' arguments decide — only constants, no finding; outside
/// data, a finding that names it and the helper. Public and derivable-protected methods, and helpers handed on as a
/// method group, stay reported on the parameter.
/// </summary>
public sealed class HelperCallerTests
{
    private const string ExtensionsAi = UntrustedPromptTests.ExtensionsAi;
    private const string Kernel = UntrustedPromptTests.Kernel;

    [Fact]
    public async Task A_private_helper_whose_every_caller_passes_constants_is_not_reported()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            public sealed class Demo
            {
                private readonly IChatClient _client;
                public Demo(IChatClient client) => _client = client;

                public async Task RunAsync(Kernel kernel, IChatCompletionService chat)
                {
                    await AskAsync("Tell me a joke.");
                    await AskAsync($"List {3} colours.", "Be terse.");
                    await StreamAsync(kernel, "What is the current time?");
                    var history = new ChatHistory();
                    history.AddUserMessage("Hi, what can you do?");
                    await SendAsync(chat, history);
                }

                private async Task<string> AskAsync(string prompt, string style = "Be friendly.") =>
                    (await _client.GetResponseAsync(style + " " + prompt)).Text;

                private static async Task StreamAsync(Kernel kernel, string prompt)
                {
                    await foreach (var update in kernel.InvokePromptStreamingAsync(prompt)) { }
                }

                private static async Task SendAsync(IChatCompletionService chat, ChatHistory history) =>
                    await chat.GetChatMessageContentAsync(history);
            }
            """;
        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task A_caller_that_passes_outside_data_is_named_with_the_helper()
    {
        var source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            internal sealed class Demo
            {
                private readonly IChatClient _client;
                public Demo(IChatClient client) => _client = client;

                public async Task RunAsync()
                {
                    await AskAsync("Tell me a joke.");
                    await AskAsync(Console.ReadLine() ?? "");
                }

                public async Task AnswerAsync(string question) => await SummariseAsync("Answer: " + question);

                private async Task<string> AskAsync(string prompt) => (await _client.{|#0:GetResponseAsync(prompt)|}).Text;

                private async Task<string> SummariseAsync(string text) => (await _client.{|#1:GetResponseAsync("Summarise: " + text)|}).Text;
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            UntrustedPromptTests.Sends(0, "ChatClientExtensions.GetResponseAsync", "console input, passed by a call of 'AskAsync',", ExtensionsAi),
            UntrustedPromptTests.Sends(1, "ChatClientExtensions.GetResponseAsync", "the parameter 'question', passed by a call of 'SummariseAsync',", ExtensionsAi),
        ]);
    }

    [Fact]
    public async Task A_public_entry_point_and_a_protected_method_of_a_class_others_can_derive_from_stay_reported()
    {
        var source = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            public class Agent
            {
                private readonly Kernel _kernel;
                public Agent(Kernel kernel) => _kernel = kernel;

                public async Task<string> AskAsync(string question) =>
                    (await _kernel.{|#0:InvokePromptAsync(question)|}).ToString();

                protected async Task<string> RephraseAsync(string text) =>
                    (await _kernel.{|#1:InvokePromptAsync("Rephrase: " + text)|}).ToString();

                public Task<string> RunAsync() => RephraseAsync("constant");
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            UntrustedPromptTests.Sends(0, "KernelExtensions.InvokePromptAsync", "the parameter 'question'", Kernel),
            UntrustedPromptTests.Sends(1, "KernelExtensions.InvokePromptAsync", "the parameter 'text'", Kernel),
        ]);
    }

    [Fact]
    public async Task Protected_members_of_a_sealed_or_internal_class_are_followed_unless_friends_can_call_them()
    {
        var closed = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            internal class Agent
            {
                private readonly Kernel _kernel;
                public Agent(Kernel kernel) => _kernel = kernel;
                protected async Task<string> RephraseAsync(string text) => (await _kernel.InvokePromptAsync("Rephrase: " + text)).ToString();
                internal Task<string> RunAsync() => RephraseAsync("constant");
            }
            """;
        await Verify.VerifyAsync(closed);

        var friends = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Agent.Tests")]
            internal sealed class Agent
            {
                private readonly Kernel _kernel;
                public Agent(Kernel kernel) => _kernel = kernel;
                internal async Task<string> RephraseAsync(string text) => (await _kernel.{|#0:InvokePromptAsync("Rephrase: " + text)|}).ToString();
                internal Task<string> RunAsync() => RephraseAsync("constant");
            }
            """;
        await Verify.VerifyAsync(friends, expected: UntrustedPromptTests.Sends(0, "KernelExtensions.InvokePromptAsync", "the parameter 'text'", Kernel));
    }

    [Fact]
    public async Task A_helper_handed_on_as_a_method_group_or_with_no_call_in_view_stays_reported()
    {
        var source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            internal sealed class Demo
            {
                private readonly IChatClient _client;
                public Demo(IChatClient client) => _client = client;

                public async Task RunAsync()
                {
                    await AskAsync("Tell me a joke.");
                    Func<string, Task<string>> ask = AskAsync;
                    await ask(Console.ReadLine() ?? "");
                }

                private async Task<string> AskAsync(string prompt) => (await _client.{|#0:GetResponseAsync(prompt)|}).Text;

                private async Task<string> NeverCalledAsync(string prompt) => (await _client.{|#1:GetResponseAsync(prompt)|}).Text;
            }
            """;
        await Verify.VerifyAsync(source, expected:
        [
            UntrustedPromptTests.Sends(0, "ChatClientExtensions.GetResponseAsync", "the parameter 'prompt'", ExtensionsAi),
            UntrustedPromptTests.Sends(1, "ChatClientExtensions.GetResponseAsync", "the parameter 'prompt'", ExtensionsAi),
        ]);
    }

    [Fact]
    public async Task A_recursive_helper_is_judged_by_what_its_calls_add()
    {
        var source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            internal sealed class Demo
            {
                private readonly IChatClient _client;
                public Demo(IChatClient client) => _client = client;

                public Task RunAsync() => RefineAsync("Draft a haiku.", 3);

                public Task ChatAsync() => ChatLoopAsync("Hello.", 3);

                private async Task RefineAsync(string draft, int rounds)
                {
                    var reply = await _client.GetResponseAsync("Improve: " + draft);
                    if (rounds > 0)
                    {
                        await RefineAsync(draft + reply.Text, rounds - 1);
                    }
                }

                private async Task ChatLoopAsync(string message, int rounds)
                {
                    await _client.{|#0:GetResponseAsync(message)|};
                    if (rounds > 0)
                    {
                        await ChatLoopAsync(Console.ReadLine() ?? message, rounds - 1);
                    }
                }
            }
            """;
        await Verify.VerifyAsync(source, expected: UntrustedPromptTests.Sends(0, "ChatClientExtensions.GetResponseAsync", "console input, passed by a call of 'ChatLoopAsync',", ExtensionsAi));
    }
}

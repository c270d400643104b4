using ShiftLeft.Analyzers.CodeFixes.PromptInjection;
using Fix = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftCodeFixTest<ShiftLeft.Analyzers.PromptInjection.UntrustedInstructionsAnalyzer, ShiftLeft.Analyzers.CodeFixes.PromptInjection.UntrustedInstructionsCodeFixProvider>;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>
/// SL0006 fixes: a system or developer message that is only the outside value becomes a user message; one that mixes
/// instruction text with it, an instructions property, and a rewrite that would not compile get no fix; the dangerous
/// template flag is turned off. Fix All works.
/// </summary>
public sealed class UntrustedInstructionsCodeFixTests
{
    [Fact]
    public async Task A_message_that_is_only_the_value_becomes_a_user_message()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            using AiMessage = Microsoft.Extensions.AI.ChatMessage;

            class Assistant
            {
                async Task Run(IChatClient client, ChatClient chat)
                {
                    var line = Console.ReadLine() ?? "";
                    await client.GetResponseAsync([new AiMessage(ChatRole.System, "You are terse."), [|new AiMessage(ChatRole.System, line)|]]);
                    var history = [|new ChatHistory(line)|];
                    [|history.AddSystemMessage(line)|];
                    [|history.AddMessage(AuthorRole.Developer, line)|];
                    await chat.CompleteChatAsync(new SystemChatMessage("You are terse."), [|new SystemChatMessage(line)|]);
                    await chat.CompleteChatAsync([|OpenAI.Chat.ChatMessage.CreateDeveloperMessage(line)|]);
                }
            }
            """;
        const string fixedSource = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            using OpenAI.Chat;
            using AiMessage = Microsoft.Extensions.AI.ChatMessage;

            class Assistant
            {
                async Task Run(IChatClient client, ChatClient chat)
                {
                    var line = Console.ReadLine() ?? "";
                    await client.GetResponseAsync([new AiMessage(ChatRole.System, "You are terse."), new AiMessage(ChatRole.User, line)]);
                    var history = new ChatHistory(line, AuthorRole.User);
                    history.AddUserMessage(line);
                    history.AddMessage(AuthorRole.User, line);
                    await chat.CompleteChatAsync(new SystemChatMessage("You are terse."), new UserChatMessage(line));
                    await chat.CompleteChatAsync(OpenAI.Chat.ChatMessage.CreateUserMessage(line));
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = UntrustedInstructionsCodeFixProvider.UserMessageKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task Instructions_mixed_with_the_value_properties_and_rewrites_that_would_not_compile_get_no_fix()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            class Assistant
            {
                async Task Run(IChatClient client, ChatClient chat)
                {
                    var line = Console.ReadLine() ?? "";
                    await client.GetResponseAsync([[|new Microsoft.Extensions.AI.ChatMessage(ChatRole.System, "You are terse. " + line)|]]);
                    await client.GetResponseAsync("Hi", new ChatOptions { [|Instructions = line|] });
                    SystemChatMessage typed = [|new SystemChatMessage(line)|];
                    await chat.CompleteChatAsync(typed);
                }
            }
            """;
        var test = Fix.Create(source, source);
        test.CodeActionEquivalenceKey = UntrustedInstructionsCodeFixProvider.UserMessageKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task The_dangerous_template_flag_is_turned_off()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Assistant
            {
                async Task Run(Kernel kernel)
                {
                    var config = new PromptTemplateConfig("{{input}}") { TemplateFormat = "handlebars", [|AllowDangerouslySetContent = true|] };
                    var other = new PromptTemplateConfig("{{$input}}") { InputVariables = [new() { Name = "input", [|AllowDangerouslySetContent = true|] }] };
                    var arguments = new KernelArguments { ["input"] = Console.ReadLine() };
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(config), arguments);
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(other), arguments);
                }
            }
            """;
        const string fixedSource = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Assistant
            {
                async Task Run(Kernel kernel)
                {
                    var config = new PromptTemplateConfig("{{input}}") { TemplateFormat = "handlebars", AllowDangerouslySetContent = false };
                    var other = new PromptTemplateConfig("{{$input}}") { InputVariables = [new() { Name = "input", AllowDangerouslySetContent = false }] };
                    var arguments = new KernelArguments { ["input"] = Console.ReadLine() };
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(config), arguments);
                    await kernel.InvokeAsync(kernel.CreateFunctionFromPrompt(other), arguments);
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = UntrustedInstructionsCodeFixProvider.RemoveFlagKey;
        await test.RunAsync();
    }
}

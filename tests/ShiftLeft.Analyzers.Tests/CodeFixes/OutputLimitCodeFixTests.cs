using ShiftLeft.Analyzers.CodeFixes.Consumption;
using Fix = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftCodeFixTest<ShiftLeft.Analyzers.Consumption.GenerativeCallWithoutOutputLimitAnalyzer, ShiftLeft.Analyzers.CodeFixes.Consumption.OutputLimitCodeFixProvider>;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>SL0010 fixes: the limit goes into the call's own options (created there or in the local it passes, or a new options argument); Fix All works.</summary>
public sealed class OutputLimitCodeFixTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using OpenAI;

        """;

    [Fact]
    public async Task The_limit_is_added_to_the_options_the_call_creates_or_passes_or_as_new_options()
    {
        const string source = Usings + """
            class Assistant
            {
                private readonly IChatClient _client = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient();

                async Task<string> NoOptions(string question) => (await _client.[|GetResponseAsync(question)|]).Text;

                async Task<string> Inline(string question) => (await _client.[|GetResponseAsync(question, new ChatOptions { Temperature = 0.2f })|]).Text;

                async Task<string> Empty(string question) => (await _client.[|GetResponseAsync(question, new ChatOptions())|]).Text;

                async Task<string> Local(string question)
                {
                    var options = new ChatOptions
                    {
                        ModelId = "gpt-4o",
                        Temperature = 0.1f,
                    };
                    return (await _client.[|GetResponseAsync(question, options)|]).Text;
                }
            }
            """;
        const string fixedSource = Usings + """
            class Assistant
            {
                private readonly IChatClient _client = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient();

                async Task<string> NoOptions(string question) => (await _client.GetResponseAsync(question, options: new ChatOptions { MaxOutputTokens = 1024 })).Text;

                async Task<string> Inline(string question) => (await _client.GetResponseAsync(question, new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 1024 })).Text;

                async Task<string> Empty(string question) => (await _client.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 1024 })).Text;

                async Task<string> Local(string question)
                {
                    var options = new ChatOptions
                    {
                        ModelId = "gpt-4o",
                        Temperature = 0.1f,
                        MaxOutputTokens = 1024,
                    };
                    return (await _client.GetResponseAsync(question, options)).Text;
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = OutputLimitCodeFixProvider.SetLimitKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task OpenAI_calls_get_a_max_output_token_count_of_the_configured_size()
    {
        const string source = """
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Assistant(ChatClient chat)
            {
                async Task Ask(string q)
                {
                    await chat.[|CompleteChatAsync([new UserChatMessage(q)])|];
                    await chat.[|CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { Temperature = 0.3f })|];
                }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;
            using OpenAI.Chat;

            class Assistant(ChatClient chat)
            {
                async Task Ask(string q)
                {
                    await chat.CompleteChatAsync([new UserChatMessage(q)], options: new ChatCompletionOptions { MaxOutputTokenCount = 400 });
                    await chat.CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { Temperature = 0.3f, MaxOutputTokenCount = 400 });
                }
            }
            """;
        var test = Fix.Create(source, fixedSource, editorConfig: "shiftleft.default_max_output_tokens = 400");
        test.CodeActionEquivalenceKey = OutputLimitCodeFixProvider.SetLimitKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_for_semantic_kernel_settings_reassigned_options_or_an_invalid_configured_limit()
    {
        const string kernel = """
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            class Writer(Kernel kernel)
            {
                async Task Write(string topic) => await kernel.[|InvokePromptAsync($"Write about {topic}")|];
            }
            """;
        await Fix.VerifyAsync(kernel, kernel);

        const string reassigned = Usings + """
            class Assistant(IChatClient client)
            {
                async Task Ask(string q, bool precise)
                {
                    var options = new ChatOptions();
                    if (precise)
                    {
                        options = new ChatOptions { Temperature = 0 };
                    }

                    await client.[|GetResponseAsync(q, options)|];
                }
            }

            static class Registration
            {
                public static void Add(Microsoft.Extensions.DependencyInjection.IServiceCollection services, IChatClient model) =>
                    Microsoft.Extensions.DependencyInjection.ChatClientBuilderServiceCollectionExtensions.AddChatClient(services, model);
            }
            """;
        await Fix.VerifyAsync(reassigned, reassigned);

        const string invalid = Usings + """
            class Assistant
            {
                private readonly IChatClient _client = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient();

                async Task Ask(string q) => await _client.[|GetResponseAsync(q)|];
            }
            """;
        await Fix.VerifyAsync(invalid, invalid, editorConfig: "shiftleft.default_max_output_tokens = lots");
    }
}

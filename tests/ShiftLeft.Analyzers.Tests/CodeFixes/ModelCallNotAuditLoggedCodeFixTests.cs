using Microsoft.CodeAnalysis.Testing;
using ShiftLeft.Analyzers.CodeFixes.ModelCalls;
using Fix = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftCodeFixTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.CodeFixes.ModelCalls.ModelCallNotAuditLoggedCodeFixProvider, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0001>;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>SL0001 fixes: the fixed code compiles (verified by the framework), raises no SL0001, and Fix All works.</summary>
public sealed class ModelCallNotAuditLoggedCodeFixTests
{
    [Fact]
    public async Task A_visible_builder_chain_gets_UseLogging_once_even_when_several_calls_share_it()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Assistant(IChatClient inner)
            {
                private readonly IChatClient _client = inner.AsBuilder().Build();

                async Task A(string q) => await _client.[|GetResponseAsync(q)|];
                async Task B(string q) => await _client.[|GetResponseAsync(q)|];
                async Task C(string q)
                {
                    var local = new OpenAI.OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient();
                    await local.[|GetResponseAsync(q)|];
                }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            class Assistant(IChatClient inner)
            {
                private readonly IChatClient _client = inner.AsBuilder().UseLogging().Build();

                async Task A(string q) => await _client.GetResponseAsync(q);
                async Task B(string q) => await _client.GetResponseAsync(q);
                async Task C(string q)
                {
                    var local = new OpenAI.OpenAIClient("key").GetChatClient("gpt-4o").AsIChatClient().AsBuilder().UseLogging().Build();
                    await local.GetResponseAsync(q);
                }
            }
            """;
        var test = Fix.Create(source, fixedSource);
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
                    logger.LogInformation("Model call {ModelCall} completed with {ResultType}", "ChatClient.CompleteChatAsync", completion?.GetType().Name);
                    return completion.Content[0].Text;
                }

                async Task Again(string q)
                {
                    var result = await chat.CompleteChatAsync(new UserChatMessage(q));
                    logger.LogInformation("Model call {ModelCall} completed with {ResultType}", "ChatClient.CompleteChatAsync", result?.GetType().Name);
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

using ShiftLeft.Analyzers.CodeFixes.ModelCalls;
using Fix = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftCodeFixTest<ShiftLeft.Analyzers.ModelCalls.ModelCallAnalyzer, ShiftLeft.Analyzers.CodeFixes.ModelCalls.ModelCallWithoutGuardrailCodeFixProvider, ShiftLeft.Analyzers.Tests.Verification.Rule.SL0002>;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>SL0002 fixes: the fixed code compiles, raises no SL0002, and Fix All works.</summary>
public sealed class ModelCallWithoutGuardrailCodeFixTests
{
    private const string Guards = """
        namespace Contoso.Safety
        {
            public static class PromptGuard { public static string Check(string prompt) => prompt; }
            public static class SafetyExtensions
            {
                public static Microsoft.Extensions.AI.ChatClientBuilder UseContentSafety(this Microsoft.Extensions.AI.ChatClientBuilder builder) => builder;
            }
        }

        """;

    [Fact]
    public async Task The_prompt_argument_is_wrapped_in_the_single_fitting_guardrail_method()
    {
        var source = Guards + """
            namespace App
            {
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                class Assistant(IChatClient client, Kernel kernel)
                {
                    async Task A(string q) => await client.[|GetResponseAsync(q)|];
                    async Task B(string q) => await kernel.[|InvokePromptAsync("Answer: " + q)|];
                }
            }
            """;
        var fixedSource = Guards + """
            namespace App
            {
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel;
                class Assistant(IChatClient client, Kernel kernel)
                {
                    async Task A(string q) => await client.GetResponseAsync(Contoso.Safety.PromptGuard.Check(q));
                    async Task B(string q) => await kernel.InvokePromptAsync(Contoso.Safety.PromptGuard.Check("Answer: " + q));
                }
            }
            """;
        var test = Fix.Create(source, fixedSource, editorConfig: "shiftleft.guardrail_methods = Contoso.Safety.PromptGuard.Check");
        test.CodeActionEquivalenceKey = ModelCallWithoutGuardrailCodeFixProvider.WrapPromptKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_visible_builder_chain_gets_the_configured_guardrail_builder_method()
    {
        var source = Guards + """
            namespace App
            {
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                class Assistant(IChatClient inner)
                {
                    private readonly IChatClient _client = inner.AsBuilder().UseLogging().Build();
                    async Task A(string q) => await _client.[|GetResponseAsync(q)|];
                }
            }
            """;
        var fixedSource = Guards + """
            namespace App
            {
                using System.Threading.Tasks;
                using Contoso.Safety;
                using Microsoft.Extensions.AI;
                class Assistant(IChatClient inner)
                {
                    private readonly IChatClient _client = inner.AsBuilder().UseLogging().UseContentSafety().Build();
                    async Task A(string q) => await _client.GetResponseAsync(q);
                }
            }
            """;
        var test = Fix.Create(source, fixedSource, editorConfig: "shiftleft.guardrail_methods = Contoso.Safety.SafetyExtensions.UseContentSafety");
        test.CodeActionEquivalenceKey = ModelCallWithoutGuardrailCodeFixProvider.PipelineKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task No_fix_is_offered_when_no_guardrail_or_more_than_one_fits()
    {
        var source = Guards + """
            namespace Contoso.Safety
            {
                public static class OtherGuard { public static string Screen(string prompt) => prompt; }
            }
            namespace App
            {
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                class Assistant(IChatClient client)
                {
                    async Task A(string q) => await client.[|GetResponseAsync(q)|];
                }
            }
            """;
        await Fix.VerifyAsync(source, source, editorConfig: "shiftleft.guardrail_methods = Contoso.Safety.PromptGuard.Check, Contoso.Safety.OtherGuard.Screen");
    }
}

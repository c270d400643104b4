using ShiftLeft.Analyzers.CodeFixes.Agency;
using Fix = ShiftLeft.Analyzers.Tests.Verification.ShiftLeftCodeFixTest<ShiftLeft.Analyzers.Agency.ToolWithSideEffectsAnalyzer, ShiftLeft.Analyzers.CodeFixes.Agency.ToolWithSideEffectsCodeFixProvider>;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>SL0008 fix: the reported tools-list element is wrapped in ApprovalRequiredAIFunction; a plugin import and the iteration limit get no fix.</summary>
public sealed class ToolWithSideEffectsCodeFixTests
{
    [Fact]
    public async Task A_listed_tool_is_wrapped_in_ApprovalRequiredAIFunction_and_Fix_All_wraps_every_one()
    {
        const string source = """
            using System.IO;
            using Microsoft.Extensions.AI;

            class Files
            {
                public static void DeleteReport(string name) => File.Delete(name);
                public static void Archive(string name) => File.WriteAllText(name + ".bak", "");
                public static string Read(string name) => File.ReadAllText(name);

                public static IChatClient Pipeline(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation().Build();

                public static ChatOptions Options() => new()
                {
                    Tools = [[|AIFunctionFactory.Create(DeleteReport)|], AIFunctionFactory.Create(Read)],
                };

                public static void More(ChatOptions options) => options.Tools!.Add([|AIFunctionFactory.Create(Archive, "archive")|]);
            }
            """;
        const string fixedSource = """
            using System.IO;
            using Microsoft.Extensions.AI;

            class Files
            {
                public static void DeleteReport(string name) => File.Delete(name);
                public static void Archive(string name) => File.WriteAllText(name + ".bak", "");
                public static string Read(string name) => File.ReadAllText(name);

                public static IChatClient Pipeline(IChatClient inner) => inner.AsBuilder().UseFunctionInvocation().Build();

                public static ChatOptions Options() => new()
                {
                    Tools = [new ApprovalRequiredAIFunction(AIFunctionFactory.Create(DeleteReport)), AIFunctionFactory.Create(Read)],
                };

                public static void More(ChatOptions options) => options.Tools!.Add(new ApprovalRequiredAIFunction(AIFunctionFactory.Create(Archive, "archive")));
            }
            """;
        var test = Fix.Create(source, fixedSource);
        test.CodeActionEquivalenceKey = ToolWithSideEffectsCodeFixProvider.RequireApprovalKey;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_plugin_import_and_the_iteration_limit_are_left_to_the_developer()
    {
        const string source = """
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;

            public sealed class Shop
            {
                [KernelFunction]
                public string CancelOrder(int id) => "cancelled";
            }

            static class Setup
            {
                public static async System.Threading.Tasks.Task Run()
                {
                    var kernel = Kernel.CreateBuilder().Build();
                    [|kernel.ImportPluginFromType<Shop>()|];
                    await kernel.InvokePromptAsync("hi", new(new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }));
                }

                public static IChatClient Build(IChatClient inner) => new FunctionInvokingChatClient(inner) { [|MaximumIterationsPerRequest = 100|] };
            }
            """;
        var test = Fix.Create(source, source);
        test.CodeActionEquivalenceKey = ToolWithSideEffectsCodeFixProvider.RequireApprovalKey;
        await test.RunAsync();
    }
}

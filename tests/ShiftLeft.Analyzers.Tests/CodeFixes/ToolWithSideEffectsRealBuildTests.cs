using ShiftLeft.Analyzers.Agency;
using ShiftLeft.Analyzers.CodeFixes.Agency;
using ShiftLeft.Analyzers.Tests.Verification.RealBuild;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>
/// SL0008 fix applied, built for real (nullable enabled, -warnaserror, the ShiftLeft analyzers loaded, Microsoft.Extensions.AI
/// 11) and run in-process behind a real function-invoking client over a model double that asks for the tool: before
/// the fix the client runs the tool (the file is written), after it the response carries an approval request instead
/// and nothing is written.
/// </summary>
public sealed class ToolWithSideEffectsRealBuildTests(ThrowawayProject project) : IClassFixture<ThrowawayProject>
{
    private const string Tools = """
        using Microsoft.Extensions.AI;

        namespace App.Orders;

        public sealed class OrderDesk(string folder)
        {
            public string CancelOrder(int id)
            {
                File.WriteAllText(Path.Combine(folder, $"cancelled-{id}.txt"), "cancelled");
                return $"order {id} cancelled";
            }

            public string OrderCount() => Directory.GetFiles(folder).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

            public ChatOptions Options() => new()
            {
                Tools = [AIFunctionFactory.Create(CancelOrder), AIFunctionFactory.Create(OrderCount)],
            };
        }
        """;

    private const string Entry = """
        using Microsoft.Extensions.AI;

        namespace App;

        public static class Entry
        {
            public static async Task<string> RunAsync()
            {
                var folder = Directory.CreateTempSubdirectory("sl0008-").FullName;
                try
                {
                    var desk = new App.Orders.OrderDesk(folder);
                    using var client = new ChatClientBuilder(new ModelAskingForTool()).UseFunctionInvocation().Build();
                    var response = await client.GetResponseAsync("Cancel order 7", desk.Options());
                    var approvals = response.Messages.SelectMany(message => message.Contents).OfType<ToolApprovalRequestContent>().Count();
                    return new Harness.LogRecorder().Report($"written={Directory.GetFiles(folder).Length} approvals={approvals}");
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            /// <summary>The model as a test double: asks for CancelOrder(7) first, then answers with text.</summary>
            private sealed class ModelAskingForTool : IChatClient
            {
                public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
                {
                    var answered = messages.SelectMany(message => message.Contents).OfType<FunctionResultContent>().Any();
                    var reply = answered
                        ? new ChatMessage(ChatRole.Assistant, "done")
                        : new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "CancelOrder", new Dictionary<string, object?> { ["id"] = 7 })]);
                    return Task.FromResult(new ChatResponse(reply));
                }

                public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                    throw new NotSupportedException();

                public object? GetService(Type serviceType, object? serviceKey = null) => null;

                public void Dispose()
                {
                }
            }
        }
        """;

    // The entry point's own model call is not what this test is about.
    private const string EditorConfig = """
        dotnet_diagnostic.SL0001.severity = none
        dotnet_diagnostic.SL0002.severity = none
        dotnet_diagnostic.SL0010.severity = none
        """;

    [Fact]
    public async Task After_the_fix_the_model_gets_an_approval_request_instead_of_the_call_and_the_build_has_no_warning()
    {
        var files = ThrowawayProject.Files(("Orders.cs", Tools), ("Entry.cs", Entry));
        // Before: the same code, its SL0008 finding lowered to a suggestion so that the warnings-as-errors build runs it.
        await project.BuildAsync(files, EditorConfig + "\ndotnet_diagnostic.SL0008.severity = suggestion");
        var before = await project.RunEntryAsync();
        Assert.Equal("written=1 approvals=0", before.Result);

        var oneByOne = await FixApplication.ApplyAsync<ToolWithSideEffectsAnalyzer, ToolWithSideEffectsCodeFixProvider>(
            project, files, ToolWithSideEffectsCodeFixProvider.RequireApprovalKey, FixMode.OneByOne, EditorConfig);
        var fixAll = await FixApplication.ApplyAsync<ToolWithSideEffectsAnalyzer, ToolWithSideEffectsCodeFixProvider>(
            project, files, ToolWithSideEffectsCodeFixProvider.RequireApprovalKey, FixMode.FixAll, EditorConfig);

        Assert.Empty(oneByOne.Unfixed);
        Assert.Equal(1, oneByOne.Applied);
        Assert.Equal(oneByOne.Files["Orders.cs"], fixAll.Files["Orders.cs"]);
        Assert.Contains("Tools = [new ApprovalRequiredAIFunction(AIFunctionFactory.Create(CancelOrder)), AIFunctionFactory.Create(OrderCount)],", oneByOne.Files["Orders.cs"]);

        await project.BuildAsync(oneByOne.Files, EditorConfig);
        var after = await project.RunEntryAsync();
        Assert.Equal("written=0 approvals=1", after.Result);
    }
}

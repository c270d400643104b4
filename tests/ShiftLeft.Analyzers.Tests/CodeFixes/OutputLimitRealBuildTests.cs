using ShiftLeft.Analyzers.CodeFixes.Consumption;
using ShiftLeft.Analyzers.Consumption;
using ShiftLeft.Analyzers.Tests.Verification.RealBuild;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>
/// SL0010 fixes applied, built for real (nullable enabled, -warnaserror, the ShiftLeft analyzers loaded, Microsoft.Extensions.AI
/// 11) and run against a scripted model: before the fix the requests carry no output limit, after it every one carries the
/// configured limit, and the build stays clean.
/// </summary>
public sealed class OutputLimitRealBuildTests(ThrowawayProject project) : IClassFixture<ThrowawayProject>
{
    private const string Assistant = """
        using Microsoft.Extensions.AI;

        namespace App.Chat;

        public static class Assistant
        {
            public static readonly Harness.ScriptedChatClient Model = new();
            private static readonly IChatClient Client = Model;

            public static async Task<string> AskAsync(string question) => (await Client.GetResponseAsync(question)).Text;

            public static async Task<string> AskPreciselyAsync(string question)
            {
                var options = new ChatOptions
                {
                    Temperature = 0f,
                };
                return (await Client.GetResponseAsync(question, options)).Text;
            }

            public static async Task<string> StreamAsync(string question)
            {
                var text = new System.Text.StringBuilder();
                await foreach (var update in Client.GetStreamingResponseAsync(question, new ChatOptions { Temperature = 0.5f }))
                {
                    text.Append(update.Text);
                }

                return text.ToString();
            }
        }
        """;

    private const string Entry = """
        namespace App;

        public static class Entry
        {
            public static async Task<string> RunAsync()
            {
                await App.Chat.Assistant.AskAsync("What is the capital of France?");
                await App.Chat.Assistant.AskPreciselyAsync("And of Italy?");
                await App.Chat.Assistant.StreamAsync("And of Spain?");
                var limits = string.Join(",", App.Chat.Assistant.Model.OutputLimits.Select(limit => limit?.ToString() ?? "none"));
                return new Harness.LogRecorder().Report(limits);
            }
        }
        """;

    [Fact]
    public async Task After_the_fix_every_request_carries_the_configured_limit_and_the_build_has_no_warning()
    {
        // The calls' audit and guardrail findings (SL0001, SL0002) are not this test's subject.
        const string editorConfig = """
            shiftleft.default_max_output_tokens = 512
            dotnet_diagnostic.SL0001.severity = none
            dotnet_diagnostic.SL0002.severity = none
            """;
        var files = ThrowawayProject.Files(("Assistant.cs", Assistant), ("Entry.cs", Entry));
        await project.BuildAsync(files, editorConfig);
        var before = await project.RunEntryAsync();
        Assert.Equal("none,none,none", before.Result);

        var oneByOne = await FixApplication.ApplyAsync<GenerativeCallWithoutOutputLimitAnalyzer, OutputLimitCodeFixProvider>(
            project, files, OutputLimitCodeFixProvider.SetLimitKey, FixMode.OneByOne, editorConfig);
        var fixAll = await FixApplication.ApplyAsync<GenerativeCallWithoutOutputLimitAnalyzer, OutputLimitCodeFixProvider>(
            project, files, OutputLimitCodeFixProvider.SetLimitKey, FixMode.FixAll, editorConfig);

        Assert.Empty(oneByOne.Unfixed);
        Assert.Equal(3, oneByOne.Applied);
        Assert.Equal(oneByOne.Files["Assistant.cs"], fixAll.Files["Assistant.cs"]);
        var text = oneByOne.Files["Assistant.cs"];
        Assert.Contains("(await Client.GetResponseAsync(question, options: new ChatOptions { MaxOutputTokens = 512 })).Text;", text);
        Assert.Contains(
            """
                    var options = new ChatOptions
                    {
                        Temperature = 0f,
                        MaxOutputTokens = 512,
                    };
            """,
            text);
        Assert.Contains("Client.GetStreamingResponseAsync(question, new ChatOptions { Temperature = 0.5f, MaxOutputTokens = 512 })", text);

        await project.BuildAsync(oneByOne.Files, editorConfig);
        var after = await project.RunEntryAsync();
        Assert.Equal("512,512,512", after.Result);
    }
}

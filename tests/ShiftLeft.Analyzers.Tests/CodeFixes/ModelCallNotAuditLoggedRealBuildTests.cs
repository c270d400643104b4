using System.Globalization;
using System.Text.Json;
using Harness;
using ShiftLeft.Analyzers.CodeFixes.ModelCalls;
using ShiftLeft.Analyzers.ModelCalls;
using ShiftLeft.Analyzers.Tests.Verification.RealBuild;

namespace ShiftLeft.Analyzers.Tests.CodeFixes;

/// <summary>
/// SL0001 fixes applied to code that is then built for real (net10.0, nullable enabled, -warnaserror, the ShiftLeft
/// analyzers loaded, Microsoft.Extensions.AI 11 / OpenAI 2.15 / Semantic Kernel 1.82) and run in-process against a
/// test-double model (<c>Harness.ScriptedChatClient</c>); the pipeline and its logging are the real ones.
/// </summary>
public sealed class ModelCallNotAuditLoggedRealBuildTests(ThrowawayProject project) : IClassFixture<ThrowawayProject>
{
    private const string Question = "Where is parcel 7 for Alex?";

    /// <summary>The other rule of the analyzer is off; personal-data rules stay on (a fix must not raise them).</summary>
    private const string OnlySL0001 = "dotnet_diagnostic.SL0002.severity = none";

    [Fact]
    public async Task The_outcome_log_on_an_eShop_shaped_chat_state_builds_with_warnings_as_errors_and_records_what_an_audit_needs()
    {
        // The shape of dotnet/eShop's WebApp ChatState: an ILogger field, an injected IChatClient, the response
        // dereferenced on the next line (a `response?.` in the log made that line CS8602 under warnings as errors).
        const string chatState = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Logging;

            namespace App.Chatbot;

            public class ChatState
            {
                private readonly ILogger _logger;
                private readonly IChatClient _chatClient;
                private readonly ChatOptions _chatOptions = new();

                public ChatState(ILoggerFactory loggerFactory, IChatClient chatClient)
                {
                    _logger = loggerFactory.CreateLogger(typeof(ChatState));
                    _chatClient = chatClient;
                    Messages = [new ChatMessage(ChatRole.System, "You answer questions about parcels.")];
                }

                public IList<ChatMessage> Messages { get; }

                public async Task AddUserMessageAsync(string userText, Action onMessageAdded)
                {
                    Messages.Add(new ChatMessage(ChatRole.User, userText));
                    onMessageAdded();

                    try
                    {
                        var response = await _chatClient.GetResponseAsync(Messages, _chatOptions);
                        if (!string.IsNullOrWhiteSpace(response.Text))
                        {
                            Messages.AddMessages(response);
                        }
                    }
                    catch (Exception e)
                    {
                        if (_logger.IsEnabled(LogLevel.Error))
                        {
                            _logger.LogError(e, "Error getting chat completions.");
                        }

                        Messages.Add(new ChatMessage(ChatRole.Assistant, "My apologies, but I encountered an unexpected error."));
                    }

                    onMessageAdded();
                }
            }
            """;
        const string entry = $$"""
            namespace App;

            public static class Entry
            {
                public static async Task<string> RunAsync()
                {
                    var recorder = new Harness.LogRecorder();
                    using var loggers = Harness.LogRecorder.CreateFactory(recorder);
                    var state = new App.Chatbot.ChatState(loggers, new Harness.ScriptedChatClient());
                    await state.AddUserMessageAsync("{{Question}}", () => { });
                    return recorder.Report(state.Messages[^1].Text);
                }
            }
            """;

        var result = await FixApplication.ApplyAsync<ModelCallAnalyzer, ModelCallNotAuditLoggedCodeFixProvider>(
            project, Files(("ChatState.cs", chatState), ("Entry.cs", entry)), ModelCallNotAuditLoggedCodeFixProvider.LogOutcomeKey, FixMode.OneByOne, OnlySL0001);

        Assert.Equal(1, result.Applied);
        Assert.Empty(result.Unfixed);
        Assert.Contains(
            """
                        var response = await _chatClient.GetResponseAsync(Messages, _chatOptions);
                        _logger.LogInformation("Model call {ModelCall} completed: model {ModelId}, response {ResponseId}, finish reason {FinishReason}, {InputTokens} input tokens, {OutputTokens} output tokens", "IChatClient.GetResponseAsync", response.ModelId, response.ResponseId, response.FinishReason, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
                        if (!string.IsNullOrWhiteSpace(response.Text))
            """,
            result.Files["ChatState.cs"]);
        Assert.Equal(chatState.Split('\n').Take(3), result.Files["ChatState.cs"].Split('\n').Take(3));   // no using added

        await project.BuildAsync(result.Files, OnlySL0001);
        var run = await RunAsync();

        Assert.Equal(ScriptedAnswer.Text, run.Result);
        var audit = Assert.Single(run.Entries, entry => entry.Message.StartsWith("Model call", StringComparison.Ordinal));
        Assert.Equal("Information", audit.Level);
        Assert.Equal("App.Chatbot.ChatState", audit.Category);
        Assert.Equal("IChatClient.GetResponseAsync", audit.State["ModelCall"]);
        Assert.Equal(ScriptedAnswer.ModelId, audit.State["ModelId"]);
        Assert.Equal(ScriptedAnswer.ResponseId, audit.State["ResponseId"]);
        Assert.Equal("stop", audit.State["FinishReason"]);
        Assert.Equal(ScriptedAnswer.InputTokens.ToString(CultureInfo.InvariantCulture), audit.State["InputTokens"]);
        Assert.Equal(ScriptedAnswer.OutputTokens.ToString(CultureInfo.InvariantCulture), audit.State["OutputTokens"]);
        AssertNoContent(run);
    }

    private static IReadOnlyDictionary<string, string> Files(params (string Name, string Text)[] files) =>
        files.ToDictionary(file => file.Name, file => file.Text);

    private async Task<Run> RunAsync()
    {
        var json = await project.RunAsync("App.Entry", "RunAsync");
        return JsonSerializer.Deserialize<Run>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Neither the question nor the model's answer reaches any log entry.</summary>
    private static void AssertNoContent(Run run)
    {
        foreach (var entry in run.Entries)
        {
            var text = entry.Message + " " + string.Join(" ", entry.State.Values);
            Assert.DoesNotContain(Question, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ScriptedAnswer.Text, text, StringComparison.Ordinal);
        }
    }

    private sealed record Run(List<LogEntry> Entries, string? Result);

    private sealed record LogEntry(string Category, string Level, string Message, Dictionary<string, string?> State);
}

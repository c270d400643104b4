// Usage: var run = await project.RunEntryAsync();     // App.Entry.RunAsync() of the last build, in-process
//   run.Result                                        // what the entry returned
//   run.Entries                                       // every log entry the built code wrote (Harness/LogRecorder.cs)
//   Assert.Empty(run.EntriesContaining(question, answer));
using System.Text.Json;

namespace ShiftLeft.Analyzers.Tests.Verification.RealBuild;

public sealed record RunReport(List<LogEntry> Entries, string? Result)
{
    public static RunReport Parse(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("The entry returned no report: " + json);

    /// <summary>Entries whose message or structured values contain any of <paramref name="texts"/>.</summary>
    public IEnumerable<LogEntry> EntriesContaining(params string[] texts) =>
        Entries.Where(entry => texts.Any(text =>
            entry.Message.Contains(text, StringComparison.Ordinal) || entry.State.Values.Any(value => value?.Contains(text, StringComparison.Ordinal) == true)));
}

public sealed record LogEntry(string Category, string Level, string Message, Dictionary<string, string?> State);

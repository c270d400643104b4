using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using ShiftLeft.Build.Tasks;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>The MSBuild task itself: severity mapping, report/stamp bookkeeping, logged locations and help links.</summary>
public sealed class EvidenceGateTaskTests
{
    [Theory]
    [InlineData("Error", false, 1, 0, 0)]
    [InlineData("warning", true, 0, 1, 0)]
    [InlineData("None", true, 0, 0, 1)]
    public void Severity_decides_how_findings_are_logged(string severity, bool succeeds, int errors, int warnings, int messages)
    {
        using var repository = new TestRepository().WithGreenSystem();
        repository.WriteStamped("eval/support/results.json", TestRepository.AiEvalReport(repository.Date(1), 2.0));
        var (task, engine) = NewTask(repository, severity);

        Assert.Equal(succeeds, task.Execute());

        Assert.Equal(errors, engine.Errors.Count(e => e.Code == "SL1003"));
        Assert.Equal(warnings, engine.Warnings.Count(e => e.Code == "SL1003"));
        Assert.Equal(messages, engine.Messages.Count(m => m.Message!.Contains("SL1003:", StringComparison.Ordinal)));
        Assert.True(File.Exists(task.ReportPath));
        Assert.Equal(severity == "None", File.Exists(task.StampPath));
        foreach (var error in engine.Errors)
        {
            Assert.Equal(repository.FullPath("eval/support/results.json"), error.File);
            Assert.Equal(6, error.LineNumber);
            Assert.Equal("https://shiftleft-dotnet.github.io/shiftleft/rules/SL1003.html", error.HelpLink);
        }
    }

    [Fact]
    public void Passing_gate_writes_report_stamp_and_the_inputs_to_watch()
    {
        using var repository = new TestRepository().WithGreenSystem();
        var (task, engine) = NewTask(repository, "Error");

        Assert.True(task.Execute());

        Assert.Empty(engine.Errors);
        Assert.Equal(task.ReportPath, Assert.Single(task.Report).ItemSpec);
        Assert.True(File.Exists(task.StampPath));
        var inputs = File.ReadAllLines(task.InputsListPath);
        Assert.Contains(repository.FullPath("shiftleft.json") + ";", inputs);
        Assert.Contains(repository.FullPath("src/Support/Prompts/**/*.txt") + ";", inputs);
        Assert.Contains(repository.FullPath("docs/ai/support/oversight-plan.md") + ";", inputs);
    }

    /// <summary>
    /// The targets read the list back through a property function (whose result MSBuild escapes) and un-escape it
    /// once: characters MSBuild treats specially are escaped twice, globs not at all.
    /// </summary>
    [Fact]
    public void The_inputs_list_escapes_msbuild_characters_twice_and_keeps_globs()
    {
        Assert.Equal("/r/a%253Bb%2525c.md;\n/r/Prompts/**/*.txt;\n", ShiftLeftEvidenceGate.InputsList(["/r/a;b%c.md", "/r/Prompts/**/*.txt", "/r/a;b%c.md"]));
    }

    [Fact]
    public void Leaving_every_system_deletes_the_old_report_and_unknown_severity_warns()
    {
        using var repository = new TestRepository().WithGreenSystem();
        var (task, _) = NewTask(repository, "Error");
        Assert.True(task.Execute());
        repository.Write("src/Other/Other.csproj", "<Project />");

        var (other, engine) = NewTask(repository, "Strict");
        other.ProjectPath = repository.FullPath("src/Other/Other.csproj");
        other.ReportPath = task.ReportPath;
        Assert.True(other.Execute());

        Assert.False(File.Exists(task.ReportPath));
        Assert.Empty(other.Report);
        Assert.Equal(["SL1005", "SL1007"], engine.Warnings.Select(w => w.Code));
        var warning = engine.Warnings[0];
        Assert.Contains("'Strict'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_of_a_passing_run_are_cached_for_up_to_date_builds_to_replay()
    {
        using var repository = new TestRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace("\"exceptions\": []", $$"""
            "exceptions": [{ "system": "support-assistant", "requirement": "redTeam", "reason": "Booked", "approvedBy": "ciso", "expires": "2026-12-01" }]
            """, StringComparison.Ordinal));
        var (task, engine) = NewTask(repository, "Error");

        Assert.True(task.Execute());
        Assert.True(task.Ran);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("SL1006", warning.Code);

        var replayEngine = new RecordingEngine();
        Assert.True(new ShiftLeftReplayDiagnostics { BuildEngine = replayEngine, ReplayPath = task.ReplayPath }.Execute());
        var replayed = Assert.Single(replayEngine.Warnings);
        Assert.Equal((warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber, warning.Message, warning.HelpLink), (replayed.Code, replayed.File, replayed.LineNumber, replayed.ColumnNumber, replayed.Message, replayed.HelpLink));

        // A run without warnings leaves nothing to replay.
        repository.Write("shiftleft.json", TestRepository.GreenPolicy);
        Assert.True(NewTask(repository, "Error", task).Task.Execute());
        Assert.False(File.Exists(task.ReplayPath));
    }

    [Fact]
    public void A_clock_that_is_not_an_instant_is_SL1005()
    {
        using var repository = new TestRepository().WithGreenSystem();
        var (task, engine) = NewTask(repository, "Error");
        task.Now = "next tuesday";

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("SL1005", error.Code);
        Assert.Contains("ShiftLeftEvidenceNow is 'next tuesday'", error.Message, StringComparison.Ordinal);
    }

    private static (ShiftLeftEvidenceGate Task, RecordingEngine Engine) NewTask(TestRepository repository, string severity, ShiftLeftEvidenceGate sameFilesAs)
    {
        var (task, engine) = NewTask(repository, severity);
        (task.ReportPath, task.StampPath, task.InputsListPath, task.ReplayPath) = (sameFilesAs.ReportPath, sameFilesAs.StampPath, sameFilesAs.InputsListPath, sameFilesAs.ReplayPath);
        return (task, engine);
    }

    /// <summary>The gate task for the support project, with its own obj folder.</summary>
    internal static (ShiftLeftEvidenceGate Task, RecordingEngine Engine) NewTask(TestRepository repository, string severity)
    {
        var obj = repository.FullPath("src/Support/obj/" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(obj);
        var engine = new RecordingEngine();
        return (new ShiftLeftEvidenceGate
        {
            BuildEngine = engine,
            ProjectPath = repository.FullPath(TestRepository.ProjectPath),
            PolicyPath = repository.FullPath("shiftleft.json"),
            PackageReferences = [new TaskItem("OpenAI")],
            Severity = severity,
            Commit = "abc",
            ReportPath = Path.Combine(obj, "shiftleft-evidence.json"),
            StampPath = Path.Combine(obj, "shiftleft-evidence.stamp"),
            InputsListPath = Path.Combine(obj, "shiftleft-evidence.inputs"),
            ReplayPath = Path.Combine(obj, "shiftleft-evidence.replay"),
            Now = repository.Now.ToString("o"),
        }, engine);
    }
}

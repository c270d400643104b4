using System.Text.Json;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Integration;

/// <summary>Real `dotnet build` runs of fixture repositories consuming the packed ShiftLeft.Build package.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class EvidenceGateBuildTests(PackedPackageFixture package)
{
    private const string Report = "src/Support/obj/Debug/net10.0/shiftleft-evidence.json";

    [Fact]
    public void Green_build_passes_writes_the_report_and_an_unchanged_rebuild_skips_the_gate()
    {
        using var repository = NewRepository().WithGreenSystem();
        repository.Write(TestRepository.ProjectPath, package.ProjectXml());

        var first = Build(repository, TestRepository.ProjectPath);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain(first.Diagnostics, d => d.Code.StartsWith("SL", StringComparison.Ordinal));
        using (var report = JsonDocument.Parse(repository.Read(Report)))
        {
            var root = report.RootElement;
            Assert.True(root.GetProperty("gate").GetProperty("passed").GetBoolean());
            Assert.Equal("src/Support/Support.csproj", root.GetProperty("project").GetString());
            Assert.Equal("0123456789abcdef0123456789abcdef01234567", root.GetProperty("commit").GetString());
            // Packed with --no-build, so the assembly carries the build's version, not the test feed's prerelease tag.
            Assert.StartsWith("0.1.0", root.GetProperty("tool").GetProperty("version").GetString(), StringComparison.Ordinal);
            Assert.All(root.GetProperty("requirements").EnumerateArray(), r => Assert.Equal("present", r.GetProperty("status").GetString()));
        }

        var second = Build(repository, TestRepository.ProjectPath, "--no-restore -v:d");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Skipping target \"ShiftLeftEvidenceGate\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Task \"ShiftLeftEvidenceGate\"", second.Output, StringComparison.Ordinal);
        // The report is exposed to later targets as an item and a property, also when the gate was skipped.
        Assert.Contains($"report-item={repository.FullPath(Report)} report-path={repository.FullPath(Report)}", second.Output, StringComparison.Ordinal);

        // Changing an input re-runs the gate, and a failing gate keeps failing on the next build instead of being skipped.
        repository.WriteStamped("eval/support/results.json", TestRepository.AiEvalReport(repository.Date(1), 3.0, 3.2));
        foreach (var attempt in new[] { 1, 2 })
        {
            var failing = Build(repository, TestRepository.ProjectPath, "--no-restore");
            Assert.True(failing.ExitCode != 0, $"attempt {attempt}: {failing}");
            var error = Assert.Single(failing.Diagnostics, d => d.Severity == "error");
            Assert.Equal("SL1003", error.Code);
            Assert.Equal(repository.FullPath("eval/support/results.json"), error.File);
            Assert.Equal(6, error.Line);
            Assert.Contains("fails the threshold '>= 4'", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_rule_fails_or_warns_a_real_build_at_its_file_and_line()
    {
        using var repository = NewRepository();
        var date = repository.Date;
        repository.Write("shiftleft.json", $$"""
            {
              "systems": [
                { "name": "missing", "owner": "t", "riskTier": "limited", "projects": ["src/Missing/*.csproj"],
                  "evidence": { "modelCard": "docs/card.md", "evaluation": "eval/missing.json" } },
                { "name": "invalid", "owner": "t", "riskTier": "minimal", "projects": ["src/Invalid/*.csproj"],
                  "evidence": { "modelCard": "docs/invalid-card.md" } },
                { "name": "failing", "owner": "t", "riskTier": "limited", "projects": ["src/Failing/*.csproj"],
                  "evidence": { "modelCard": "docs/card.md", "evaluation": "eval/failing.json" }, "thresholds": { "groundedness": ">= 4" } },
                { "name": "stale", "owner": "t", "riskTier": "strict", "projects": ["src/Stale/*.csproj"],
                  "evidence": { "modelCard": "docs/old-card.md" } },
                { "name": "expired", "owner": "t", "riskTier": "limited", "projects": ["src/Expired/*.csproj"],
                  "evidence": { "modelCard": "docs/card.md" } },
                { "name": "waived", "owner": "t", "riskTier": "limited", "projects": ["src/Waived/*.csproj"],
                  "evidence": { "modelCard": "docs/card.md" } },
                { "name": "multiline", "owner": "t", "riskTier": "limited", "projects": ["src/Multiline/*.csproj"],
                  "evidence": { "modelCard": "docs/card.md", "evaluation": "eval/multiline.json" }, "thresholds": { "groundedness": ">= 4" } }
              ],
              "tiers": { "strict": { "requires": ["modelCard"], "maxEvidenceAgeDays": 30 } },
              "exceptions": [
                { "system": "expired", "requirement": "evaluation", "reason": "r", "approvedBy": "ciso", "expires": "{{date(1)}}" },
                { "system": "waived", "requirement": "evaluation", "reason": "r", "approvedBy": "ciso", "expires": "{{date(-5)}}" }
              ]
            }
            """);
        repository.Write("docs/card.md", TestRepository.ModelCard(TestRepository.ModelId, date(3)))
            .Write("docs/old-card.md", TestRepository.ModelCard(TestRepository.ModelId, date(45)))
            .Write("docs/invalid-card.md", TestRepository.ModelCard(TestRepository.ModelId, date(3)).Replace("## Intended use", "## Purpose", StringComparison.Ordinal))
            .Write("eval/failing.json", TestRepository.AiEvalReport(date(2), 2.5));
        // A judge error whose message spans lines is still one finding, on one line of the build log.
        repository.Write("eval/multiline.json", TestRepository.AiEvalReport(date(2), 4.5).Replace("\"diagnostics\": [], \"interpretation\"", "\"diagnostics\": [ { \"severity\": \"error\", \"message\": \"judge failed:\\nHTTP 429\\nretry later\" } ], \"interpretation\"", StringComparison.Ordinal));
        var projects = new[] { "Missing", "Invalid", "Failing", "Stale", "Expired", "Waived", "Chat", "Multiline" };
        foreach (var name in projects)
        {
            repository.Write($"src/{name}/{name}.csproj", name == "Chat" ? package.ProjectXml("Microsoft.Extensions.AI.Abstractions/10.11.0") : package.ProjectXml());
        }

        repository.Write("all.slnx", "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"src/{p}/{p}.csproj\" />\n")) + "</Solution>\n");

        var build = Build(repository, "all.slnx");

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.DoesNotContain("MSB4018", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ShiftLeft", build.Output, StringComparison.Ordinal);
        var policy = repository.FullPath("shiftleft.json");
        AssertDiagnostic(build, "Missing", "error", "SL1001", policy, 4);
        AssertDiagnostic(build, "Invalid", "error", "SL1002", repository.FullPath("docs/invalid-card.md"), 17);
        AssertDiagnostic(build, "Failing", "error", "SL1003", repository.FullPath("eval/failing.json"), 6);
        AssertDiagnostic(build, "Stale", "error", "SL1004", repository.FullPath("docs/old-card.md"), 3);
        AssertDiagnostic(build, "Expired", "error", "SL1006", policy, 20);
        AssertDiagnostic(build, "Expired", "error", "SL1001", policy, 12);
        AssertDiagnostic(build, "Waived", "warning", "SL1006", policy, 21);
        AssertDiagnostic(build, "Chat", "warning", "SL1007", repository.FullPath("src/Chat/Chat.csproj"), 7);
        Assert.DoesNotContain(build.Diagnostics, d => d.Severity == "error" && (d.Project.Contains("Waived", StringComparison.Ordinal) || d.Project.Contains("Chat", StringComparison.Ordinal)));
        var multiline = Assert.Single(build.Diagnostics, d => d.Project.EndsWith("Multiline.csproj", StringComparison.Ordinal));
        Assert.Equal(("SL1003", repository.FullPath("eval/multiline.json"), 6), (multiline.Code, multiline.File, multiline.Line));
        Assert.Contains("judge failed:\\nHTTP 429\\nretry later", multiline.Message, StringComparison.Ordinal);
        Assert.All(build.Output.Split('\n').Where(l => l.Contains("retry later", StringComparison.Ordinal)), l => Assert.Contains("judge failed:\\nHTTP 429", l, StringComparison.Ordinal));
        Assert.True(File.Exists(repository.FullPath("src/Waived/bin/Debug/net10.0/Waived.dll")), "the waived project must build");
        Assert.False(File.Exists(repository.FullPath("src/Chat/obj/Debug/net10.0/shiftleft-evidence.json")), "a project outside every system gets no report");
        using var waived = JsonDocument.Parse(repository.Read("src/Waived/obj/Debug/net10.0/shiftleft-evidence.json"));
        Assert.Equal("excepted", waived.RootElement.GetProperty("requirements")[1].GetProperty("status").GetString());
    }

    [Fact]
    public void Invalid_policy_is_SL1005_with_line_and_column_and_severity_warning_lets_the_build_pass()
    {
        using var repository = NewRepository().WithGreenSystem(TestRepository.GreenPolicy.Replace("\"riskTier\": \"high\",", "\"riskTier\": \"high\" \"oops\",", StringComparison.Ordinal));
        repository.Write(TestRepository.ProjectPath, package.ProjectXml());

        var failing = Build(repository, TestRepository.ProjectPath);
        Assert.True(failing.ExitCode != 0, failing.ToString());
        var error = Assert.Single(failing.Diagnostics, d => d.Severity == "error");
        Assert.Equal(("SL1005", repository.FullPath("shiftleft.json"), 5), (error.Code, error.File, error.Line));
        Assert.True(error.Column > 1);
        Assert.DoesNotContain("MSB4018", failing.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(repository.FullPath(Report)));

        var lenient = Build(repository, TestRepository.ProjectPath, "--no-restore -p:ShiftLeftEvidenceSeverity=Warning");
        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains(lenient.Diagnostics, d => d.Severity == "warning" && d.Code == "SL1005" && d.Line == 5);
    }

    [Fact]
    public void ShiftLeftInit_scaffolds_a_policy_and_templates_that_fail_until_replaced()
    {
        using var repository = NewRepository();
        repository.Write("src/Bot/Bot.csproj", package.ProjectXml()).Write("src/Bot/Prompts/system.txt", "Be helpful.\n");

        var init = package.Run(repository.Root, $"msbuild src/Bot/Bot.csproj -restore -t:ShiftLeftInit -p:ShiftLeftInitModelId=gpt-4o-2024-08-06 -p:ShiftLeftInitOwner=team-bot -p:ShiftLeftEvidenceNow={Clock(repository)} -nodeReuse:false");
        Assert.True(init.ExitCode == 0, init.ToString());
        var policy = repository.Read("shiftleft.json");
        Assert.Contains("\"projects\": [ \"src/Bot/Bot.csproj\" ]", policy, StringComparison.Ordinal);
        Assert.Contains("\"promptFiles\": [ \"src/Bot/Prompts/**/*\" ]", policy, StringComparison.Ordinal);
        foreach (var file in new[] { "docs/ai/bot/model-card.md", "docs/ai/bot/data-sheet.md", "docs/ai/bot/oversight-plan.md", "eval/bot/results.json", "eval/bot/redteam.json", "docs/ai/risk-register.json" })
        {
            Assert.True(File.Exists(repository.FullPath(file)), file);
        }

        // The template vouches for no prompts: the hash is left for a reviewer to stamp.
        Assert.Matches(@"\nprompt_hash:\s+#[^\n]*ShiftLeftStampEvidence", repository.Read("docs/ai/bot/model-card.md"));
        Assert.DoesNotContain("sha256:", repository.Read("docs/ai/bot/model-card.md"), StringComparison.Ordinal);

        var build = Build(repository, "src/Bot/Bot.csproj", "--no-restore");
        Assert.True(build.ExitCode != 0, build.ToString());
        var errors = build.Diagnostics.Where(d => d.Severity == "error").ToList();
        Assert.Equal(6, errors.Count);
        Assert.All(errors, e => Assert.Equal("SL1002", e.Code));
        Assert.All(errors, e => Assert.Contains("template placeholder", e.Message, StringComparison.Ordinal));
        // The first build says how to certify what the templates become.
        var card = Assert.Single(errors, e => e.File.EndsWith("model-card.md", StringComparison.Ordinal));
        Assert.Contains("`dotnet msbuild src/Bot/Bot.csproj -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=docs/ai/bot/model-card.md`", card.Message, StringComparison.Ordinal);

        // A reviewer fills the card and stamps it with the real target.
        repository.Write("docs/ai/bot/model-card.md", repository.Read("docs/ai/bot/model-card.md").Replace("TODO(shiftleft)", "Reviewed", StringComparison.Ordinal));
        var stamp = package.Run(repository.Root, $"msbuild src/Bot/Bot.csproj -t:ShiftLeftStampEvidence -p:ShiftLeftStampArtifact=docs/ai/bot/model-card.md -p:ShiftLeftEvidenceNow={Clock(repository)} -nodeReuse:false");
        Assert.True(stamp.ExitCode == 0, stamp.ToString());
        Assert.Contains("Stamped docs/ai/bot/model-card.md (modelCard of system 'bot')", stamp.Output, StringComparison.Ordinal);
        var stamped = repository.Read("docs/ai/bot/model-card.md");
        Assert.Matches(@"\nprompt_hash: sha256:[0-9a-f]{64}\n", stamped);
        Assert.Contains($"stamped_at: {Clock(repository)}", stamped, StringComparison.Ordinal);
        Assert.Contains("stamped_by: ", stamped, StringComparison.Ordinal);

        var again = package.Run(repository.Root, "msbuild src/Bot/Bot.csproj -t:ShiftLeftInit -nodeReuse:false");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("left unchanged", again.Output, StringComparison.Ordinal);
        Assert.Equal(policy, repository.Read("shiftleft.json"));
    }

    [Fact]
    public void Warnings_replay_on_up_to_date_builds_and_a_disabled_gate_keeps_the_last_report()
    {
        using var repository = NewRepository();
        repository.WithGreenSystem(TestRepository.GreenPolicy.Replace("\"exceptions\": []", $$"""
            "exceptions": [{ "system": "support-assistant", "requirement": "dataSheet", "reason": "Rewrite under review", "approvedBy": "ciso", "expires": "{{repository.Date(-5)}}" }]
            """, StringComparison.Ordinal));
        repository.Write(TestRepository.ProjectPath, package.ProjectXml());

        var first = Build(repository, TestRepository.ProjectPath);
        Assert.True(first.ExitCode == 0, first.ToString());
        var warning = Assert.Single(first.Diagnostics, d => d.Code == "SL1006");
        var report = File.ReadAllBytes(repository.FullPath(Report));

        // Nothing changed: the gate is skipped, and its warning is shown again, once.
        var upToDate = Build(repository, TestRepository.ProjectPath, "--no-restore -v:n");
        Assert.True(upToDate.ExitCode == 0, upToDate.ToString());
        Assert.Contains("Skipping target \"ShiftLeftEvidenceGate\" because all output files are up-to-date", upToDate.Output, StringComparison.Ordinal);
        Assert.Equal(warning, Assert.Single(upToDate.Diagnostics, d => d.Code == "SL1006"));

        // Turned off, the gate runs none of its code and leaves its last report where the upload expects it.
        var disabled = Build(repository, TestRepository.ProjectPath, "--no-restore -p:ShiftLeftEvidenceGateEnabled=false");
        Assert.True(disabled.ExitCode == 0, disabled.ToString());
        Assert.Contains($"ShiftLeft evidence gate disabled (ShiftLeftEvidenceGateEnabled=false): nothing was checked; the report of its last run is kept unchanged: {repository.FullPath(Report)}", disabled.Output, StringComparison.Ordinal);
        Assert.Equal(report, File.ReadAllBytes(repository.FullPath(Report)));
        Assert.Contains($"report-item={repository.FullPath(Report)}", disabled.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(disabled.Diagnostics, d => d.Code.StartsWith("SL", StringComparison.Ordinal));
    }

    [Fact]
    public void A_baseline_accepted_with_the_real_target_fails_a_later_build_whose_pass_rate_really_dropped()
    {
        using var repository = new TestRepository(RealToolSystem.AfterRecording) { FileTimesFollowClock = false };
        package.WriteBuildScaffolding(repository);
        RealToolSystem.Create("promptfoo/cohorts-baseline.json", providers: RealToolSystem.LocalProvider, into: repository,
            governance: "\"regression\": { \"evaluation:pass_rate\": { \"maxRegression\": 0.02, \"minSamples\": 20, \"better\": \"higher\" } }");
        repository.Write(TestRepository.ProjectPath, package.ProjectXml());

        var first = Build(repository, TestRepository.ProjectPath);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("warning", Assert.Single(first.Diagnostics, d => d.Code == "SL1008").Severity);

        var accept = package.Run(repository.Root, $"msbuild {TestRepository.ProjectPath} -t:ShiftLeftAcceptBaseline -p:ShiftLeftEvidenceNow={Clock(repository)} -nodeReuse:false");
        Assert.True(accept.ExitCode == 0, accept.ToString());
        Assert.Contains("Accepted the evidence of system 'support-assistant'", accept.Output, StringComparison.Ordinal);
        Assert.Contains($"accepted by ", accept.Output, StringComparison.Ordinal);
        Assert.Contains("\"statistic\": \"proportion\"", repository.Read("shiftleft-baseline.json"), StringComparison.Ordinal);

        // The baseline is an input of the gate: the next build compares with it, and passes.
        var compared = Build(repository, TestRepository.ProjectPath, "--no-restore");
        Assert.True(compared.ExitCode == 0, compared.ToString());
        Assert.DoesNotContain(compared.Diagnostics, d => d.Code == "SL1008");

        RealToolSystem.Replace(repository, RealToolSystem.Evaluation, "promptfoo/cohorts-regressed.json");
        var regressed = Build(repository, TestRepository.ProjectPath, "--no-restore");
        Assert.True(regressed.ExitCode != 0, regressed.ToString());
        var error = Assert.Single(regressed.Diagnostics, d => d.Severity == "error");
        Assert.Equal(("SL1008", repository.FullPath(RealToolSystem.Evaluation), TextLines.LineOf(RealToolSystem.Text("promptfoo/cohorts-regressed.json"), "\"stats\"")), (error.Code, error.File, error.Line));
        Assert.Contains("regressed: it dropped to 0.675 (27 of 40) from 0.975 (39 of 40)", error.Message, StringComparison.Ordinal);
    }

    private TestRepository NewRepository()
    {
        // The test's fixed clock, passed to every build as ShiftLeftEvidenceNow: no outcome depends on the day it runs.
        // Every artifact records its date in its content, so real file times (which incremental builds need) date nothing.
        var repository = new TestRepository { FileTimesFollowClock = false };
        package.WriteBuildScaffolding(repository);
        return repository;
    }

    private static string Clock(TestRepository repository) => repository.Now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private DotnetResult Build(TestRepository repository, string target, string extra = "") =>
        package.Run(repository.Root, $"build \"{target}\" -nodeReuse:false -p:ShiftLeftEvidenceNow={Clock(repository)} {extra}");

    private static void AssertDiagnostic(DotnetResult build, string project, string severity, string code, string file, int line)
    {
        // MSBuild omits the "[project]" suffix when the diagnostic's file is the project itself.
        var found = build.Diagnostics.Where(d => (d.Project.EndsWith($"{project}.csproj", StringComparison.Ordinal) || d.File.EndsWith($"{project}.csproj", StringComparison.Ordinal)) && d.Code == code && d.Severity == severity).ToList();
        Assert.True(found.Count > 0, $"no {severity} {code} for {project}:\n{string.Join("\n", build.Diagnostics)}");
        Assert.Contains(found, d => d.File == file && d.Line == line && d.Column > 0);
    }
}

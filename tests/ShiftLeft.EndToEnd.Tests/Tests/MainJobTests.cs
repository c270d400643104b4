using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ShiftLeft.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ShiftLeft.EndToEnd.Tests.Tests;

/// <summary>
/// The main job's builds (eng/demo.sh, the very script, with the test's portal and packed feed) publish the two samples
/// to a real portal; through the API and in Chromium the portal shows exactly what the builds produced (findings, gate);
/// the README's curl example works as written on the main job's output; a reworded message keeps its finding and its
/// triage; a fix and a rebuild mark the finding fixed; a repeat stores nothing.
/// </summary>
[Collection(ToolchainCollection.Name)]
public sealed partial class MainJobTests(ToolchainFixture toolchain, ITestOutputHelper output)
{
    private static readonly (string Name, string Folder, string Repository, bool GatePasses)[] Samples =
    [
        ("support-assistant", "SupportAssistant", "shiftleft-samples/support-assistant", true),
        ("claims-triage", "ClaimsTriage", "shiftleft-samples/claims-triage", false),
    ];

    private ProcessResult MainJob(SampleRepository repository) => Processes.Run(
        "bash",
        [Path.Combine(ToolchainFixture.RepositoryRoot, "eng", "demo.sh"), "--portal", toolchain.Portal.BaseAddress.AbsoluteUri.TrimEnd('/'),
         "--token-file", Path.Combine(repository.Demo, "ingestion-token"), "--samples", repository.Samples, "--packages", toolchain.Feed,
         "--version", toolchain.Version, "--out", repository.Demo],
        ToolchainFixture.RepositoryRoot,
        toolchain.BuildEnvironment,
        timeoutSeconds: 900);

    [Fact]
    public async Task The_main_jobs_builds_publish_exactly_what_they_produced_a_reworded_message_keeps_triage_and_a_fix_marks_its_finding_fixed()
    {
        var repository = SampleRepository.Create(toolchain, "main-job");
        Directory.CreateDirectory(repository.Demo);
        File.Copy(toolchain.TokenFile, Path.Combine(repository.Demo, "ingestion-token"));

        var first = MainJob(repository);
        output.WriteLine(first.Output);
        Assert.True(first.ExitCode == 0, first.ToString());

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in Samples)
        {
            var root = Path.Combine(repository.Samples, sample.Folder);
            var published = BuildFindings.FromSarif(Path.Combine(repository.Demo, sample.Name, "shiftleft.sarif"));
            seen.UnionWith(published.Keys.Select(f => f.RuleId));

            // The build's own log and the sample's markers agree with the published log...
            var logged = BuildFindings.FromBuildLog(Path.Combine(repository.Demo, sample.Name + ".build.log"), root).ToHashSet();
            Assert.Equal(Sorted(logged), Sorted(published.Where(p => !p.Value).Select(p => p.Key)));
            var markers = BuildFindings.FromMarkers(root);
            Assert.NotEmpty(markers);
            Assert.Subset(published.Keys.ToHashSet(), markers.ToHashSet());

            // ... and the portal holds exactly that: same rules, files, lines, suppressions.
            var id = await toolchain.Api.RepositoryIdAsync(sample.Repository);
            var stored = await toolchain.Api.FindingsAsync(id, "main");
            Assert.Equal(
                Sorted(published.Select(p => $"{p.Key} suppressed={p.Value}")),
                Sorted(stored.Select(f => $"{new Finding(f.RuleId, f.Path, f.Line)} suppressed={f.Suppressed}")));
            Assert.All(stored, f => Assert.Equal(!f.Suppressed, f.Open));

            // Gate results: the evidence report the build wrote, requirement by requirement.
            var report = JsonNode.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(repository.Demo, sample.Name, "evidence")))))!;
            var systems = await toolchain.Api.AiSystemsAsync(id);
            var (_, gatePassed, requirements) = systems[report["system"]!["name"]!.GetValue<string>()];
            Assert.Equal(sample.GatePasses, report["gate"]!["passed"]!.GetValue<bool>());
            Assert.Equal(sample.GatePasses, gatePassed);
            Assert.Equal(
                Sorted(report["requirements"]!.AsArray().Select(r => $"{r!["kind"]!.GetValue<string>()}={r["status"]!.GetValue<string>()}")),
                Sorted(requirements.Select(r => $"{r.Key}={r.Value.ToLowerInvariant()}")));
        }

        // Deliberate findings of every analyzer rule, and a failing gate with its reasons, across the two samples.
        Assert.Subset(seen, new HashSet<string> { "SL0001", "SL0002", "SL0003", "SL0004", "SL0005", "SL0010", "SL0011", "SL1001", "SL1002", "SL1003", "SL1004", "SL1006" });

        await using var chromium = await PortalInChromium.SignInAsync(toolchain.Portal.BaseAddress, ToolchainFixture.AdminEmail, ToolchainFixture.Password);
        foreach (var sample in Samples)
        {
            await Chromium_shows_exactly_the_findings_and_the_gate_the_build_produced(chromium, repository, sample.Name, sample.Repository, sample.GatePasses);
        }

        The_README_curl_example_works_as_written(repository);
        await A_reworded_message_keeps_its_finding_and_its_triage(repository, chromium);
        await A_fix_and_a_rebuild_mark_the_finding_fixed_a_renamed_file_keeps_triage_and_the_unchanged_sample_stores_nothing(repository, chromium);
    }

    /// <summary>
    /// The repository's page lists exactly the ShiftLeft results of the SARIF log the build wrote (rule, file, line,
    /// suppressed or not; the gate's SL1xxx among them), and its AI system's page the gate and the evidence of the report
    /// the build wrote.
    /// </summary>
    private async Task Chromium_shows_exactly_the_findings_and_the_gate_the_build_produced(PortalInChromium chromium, SampleRepository repository, string sample, string name, bool gatePasses)
    {
        var published = BuildFindings.FromSarif(Path.Combine(repository.Demo, sample, "shiftleft.sarif")).Where(p => p.Key.RuleId.StartsWith("SL", StringComparison.Ordinal)).ToList();
        Assert.Equal(!gatePasses, published.Any(p => p.Key.RuleId.StartsWith("SL1", StringComparison.Ordinal) && !p.Value));
        var id = await toolchain.Api.RepositoryIdAsync(name);

        var shown = await chromium.FindingsAsync(id);

        Assert.Equal(Sorted(published.Select(p => $"{p.Key} suppressed={p.Value}")), Sorted(shown.Select(f => $"{f.Finding} suppressed={f.Suppressed}")));
        Assert.All(shown, f => Assert.Equal(("New", "Untriaged"), (f.State, f.Triage)));

        var report = JsonNode.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(repository.Demo, sample, "evidence")))))!;
        var system = (await toolchain.Api.AiSystemsAsync(id))[report["system"]!["name"]!.GetValue<string>()];
        var page = await chromium.AiSystemAsync(system.Id);
        Assert.Equal(gatePasses, report["gate"]!["passed"]!.GetValue<bool>());
        Assert.Equal(report["gate"]!["passed"]!.GetValue<bool>() ? "Gate passed" : "Gate failed", page.Gate);
        Assert.Equal(
            Sorted(report["requirements"]!.AsArray().Select(r => $"{r!["kind"]!.GetValue<string>()}={r["status"]!.GetValue<string>()}")),
            Sorted(page.Requirements.Select(r => $"{r.Kind}={r.Status.ToLowerInvariant()}")));
    }

    /// <summary>
    /// A lead dismisses a finding; the same build's log comes again with every analyzer result's message reworded (what
    /// a new ShiftLeft with reworded rule messages publishes for unchanged code). The portal keeps every finding — same
    /// ids and fingerprints, nothing new, nothing fixed — shows the new words, and the dismissal stands, in the API and
    /// in Chromium.
    /// </summary>
    private async Task A_reworded_message_keeps_its_finding_and_its_triage(SampleRepository repository, PortalInChromium chromium)
    {
        const string name = "shiftleft-samples/claims-triage";
        var sarif = Path.Combine(repository.Demo, "claims-triage", "shiftleft.sarif");
        var id = await toolchain.Api.RepositoryIdAsync(name);
        var before = await toolchain.Api.FindingsAsync(id, "main");
        var dismissed = before.First(f => f is { RuleId: "SL0004", Open: true });
        await toolchain.Api.DismissAsync(dismissed.Id, "WontFix", "The triager's answer is reviewed by a person before it is used.");

        // The analyzers' results, each of which must carry the identity key the portal keys it on. The gate's results
        // (SL1xxx) carry none yet: the portal keys them on their text, so a reworded gate message would still re-key them.
        var reworded = Path.Combine(toolchain.Root, "claims-triage-reworded.sarif");
        var unkeyed = new List<string>();
        var count = RewordedLog.Write(sarif, reworded, result =>
        {
            if (!result["ruleId"]!.GetValue<string>().StartsWith("SL0", StringComparison.Ordinal))
            {
                return false;
            }

            if (result["properties"]?["customProperties"]?["ShiftLeftIdentity"] is null)
            {
                unkeyed.Add(result.ToJsonString());
            }

            return true;
        });
        Assert.True(unkeyed.Count == 0, "analyzer results without an identity key:\n" + string.Join("\n", unkeyed));
        Assert.True(count >= 5, $"only {count} analyzer results to reword");
        var answer = await ManualUpload.PostAsync(
            toolchain.Portal.BaseAddress, Path.Combine(repository.Demo, "ingestion-token"), name, Processes.Git(repository.Root, "rev-parse", "HEAD").Trim(), "main", "reworded-1",
            Path.Combine(repository.Samples, "ClaimsTriage"), reworded, Assert.Single(Directory.GetFiles(Path.Combine(repository.Demo, "claims-triage", "evidence"))));

        Assert.Equal(
            (false, BuildFindings.FromSarif(sarif).Count, 0, 0, 0),
            (answer["replayed"]!.GetValue<bool>(), answer["results"]!.GetValue<int>(), answer["new"]!.GetValue<int>(), answer["fixed"]!.GetValue<int>(), answer["reintroduced"]!.GetValue<int>()));
        var after = await toolchain.Api.FindingsAsync(id, "main");
        Assert.Equal(Sorted(before.Select(f => $"{f.Id} {f.Fingerprint} {f.RuleId} {f.Path}:{f.Line}")), Sorted(after.Select(f => $"{f.Id} {f.Fingerprint} {f.RuleId} {f.Path}:{f.Line}")));
        Assert.All(after.Where(f => f.RuleId.StartsWith("SL0", StringComparison.Ordinal)), f => Assert.StartsWith(RewordedLog.Reword(""), f.Message, StringComparison.Ordinal));
        var kept = Assert.Single(after, f => f.Id == dismissed.Id);
        Assert.Equal(("WontFix", false), (kept.Triage, kept.Open));

        var shown = await chromium.FindingsAsync(id);
        Assert.Equal(Sorted(after.Where(f => f.RuleId.StartsWith("SL", StringComparison.Ordinal)).Select(f => new Finding(f.RuleId, f.Path, f.Line))), Sorted(shown.Select(f => f.Finding)));
        var row = Assert.Single(shown, f => f.Finding == new Finding(dismissed.RuleId, dismissed.Path, dismissed.Line));
        Assert.Equal(("Unchanged", "Won't fix"), (row.State, row.Triage));
    }

    private void The_README_curl_example_works_as_written(SampleRepository repository)
    {
        var readme = File.ReadAllText(Path.Combine(ToolchainFixture.RepositoryRoot, "README.md"));
        var example = CurlExample().Match(readme);
        Assert.True(example.Success, "README.md has no curl example");
        // The only change: the test's portal listens on another port than the main job's.
        var script = example.Groups["script"].Value.Replace("http://127.0.0.1:5080", toolchain.Portal.BaseAddress.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

        var run = Processes.Run("bash", ["-euo", "pipefail", "-c", script], repository.Root, timeoutSeconds: 120);

        Assert.True(run.ExitCode == 0, run.ToString());
        var answer = JsonNode.Parse(run.Output[run.Output.IndexOf('{', StringComparison.Ordinal)..])!;
        Assert.Equal("shiftleft-samples/claims-triage", answer["repository"]!.GetValue<string>());
        Assert.False(answer["replayed"]!.GetValue<bool>());
        Assert.False(answer["gatePassed"]!.GetValue<bool>());
        Assert.Equal(BuildFindings.FromSarif(Path.Combine(repository.Demo, "claims-triage", "shiftleft.sarif")).Count, answer["results"]!.GetValue<int>());
        Assert.Equal(0, answer["new"]!.GetValue<int>());
    }

    private async Task A_fix_and_a_rebuild_mark_the_finding_fixed_a_renamed_file_keeps_triage_and_the_unchanged_sample_stores_nothing(SampleRepository repository, PortalInChromium chromium)
    {
        var file = Path.Combine(repository.Samples, "ClaimsTriage", "src", "ClaimsTriage", "Services", "FraudExplainer.cs");
        var source = File.ReadAllText(file);
        var fixedSource = source
            .Replace("[new UserChatMessage($\"Why could claim {claimId} be fraudulent? {description}\")]", "[new UserChatMessage(ClaimsTriage.Safety.ClaimGuard.Screen($\"Why could claim {claimId} be fraudulent? {description}\"))]", StringComparison.Ordinal)
            .Replace("// expect: SL0001, SL0002", "// expect: SL0001", StringComparison.Ordinal);
        Assert.NotEqual(source, fixedSource);
        File.WriteAllText(file, fixedSource);
        // In the same change a file is renamed: its findings keep their identity and triage and show the new file.
        var services = Path.Combine(repository.Samples, "ClaimsTriage", "src", "ClaimsTriage", "Services");
        File.Move(Path.Combine(services, "ClaimTriager.cs"), Path.Combine(services, "ClaimTriage.cs"));

        var second = MainJob(repository);
        output.WriteLine(second.Output);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches("published shiftleft-samples/support-assistant@main [0-9a-f]+ to .* already published as run", second.Output);

        var id = await toolchain.Api.RepositoryIdAsync("shiftleft-samples/claims-triage");
        var stored = await toolchain.Api.FindingsAsync(id, "main");
        var guarded = Assert.Single(stored, f => f is { RuleId: "SL0002", Path: "src/ClaimsTriage/Services/FraudExplainer.cs" });
        Assert.Equal(("Fixed", false), (guarded.State, guarded.Open));
        var logged = Assert.Single(stored, f => f is { RuleId: "SL0001", Path: "src/ClaimsTriage/Services/FraudExplainer.cs" });
        Assert.True(logged.Open);
        var rebuilt = BuildFindings.FromSarif(Path.Combine(repository.Demo, "claims-triage", "shiftleft.sarif")).Keys;
        Assert.Equal(Sorted(rebuilt), Sorted(stored.Where(f => f.State != "Fixed").Select(f => new Finding(f.RuleId, f.Path, f.Line))));
        Assert.DoesNotContain(stored, f => f.Path.EndsWith("/ClaimTriager.cs", StringComparison.Ordinal));
        var renamed = Assert.Single(stored, f => f is { RuleId: "SL0004", Triage: "WontFix" });
        Assert.Equal(("src/ClaimsTriage/Services/ClaimTriage.cs", "Unchanged", false), (renamed.Path, renamed.State, renamed.Open));

        // The lead sees the same: the guarded call's SL0002 fixed, every finding of the rebuilt log listed as it was built.
        var shown = await chromium.FindingsAsync(id);
        Assert.Equal("Won't fix", Assert.Single(shown, f => f.Finding == new Finding(renamed.RuleId, renamed.Path, renamed.Line)).Triage);
        Assert.Equal("Fixed", Assert.Single(shown, f => f.Finding == new Finding(guarded.RuleId, guarded.Path, guarded.Line)).State);
        Assert.Equal(Sorted(rebuilt.Where(f => f.RuleId.StartsWith("SL", StringComparison.Ordinal))), Sorted(shown.Where(f => f.State != "Fixed").Select(f => f.Finding)));
    }

    private static List<string> Sorted<T>(IEnumerable<T> items) => items.Select(i => i!.ToString()!).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"```text\n(?<script>export SHIFTLEFT_TOKEN=.*?curl .*?)```", RegexOptions.Singleline)]
    private static partial Regex CurlExample();
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ShiftLeft.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ShiftLeft.EndToEnd.Tests.Tests;

/// <summary>
/// The main job's builds (eng/demo.sh, the very script, with the test's portal and packed feed) publish the two samples
/// to a real portal; through the API the portal holds exactly what the builds produced; the README's curl example
/// works as written on the main job's output; a fix and a rebuild mark the finding fixed; a repeat stores nothing.
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
    public async Task The_main_jobs_builds_publish_exactly_what_they_produced_and_a_fix_marks_its_finding_fixed()
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
            var logged = BuildFindings.FromBuildLog(Path.Combine(repository.Demo, sample.Name + ".build.log"), root)
                .Where(f => f.RuleId != "SL1007") // an AI project in no system has no evidence report to publish it from
                .ToHashSet();
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
            var (gatePassed, requirements) = systems[report["system"]!["name"]!.GetValue<string>()];
            Assert.Equal(sample.GatePasses, report["gate"]!["passed"]!.GetValue<bool>());
            Assert.Equal(sample.GatePasses, gatePassed);
            Assert.Equal(
                Sorted(report["requirements"]!.AsArray().Select(r => $"{r!["kind"]!.GetValue<string>()}={r["status"]!.GetValue<string>()}")),
                Sorted(requirements.Select(r => $"{r.Key}={r.Value.ToLowerInvariant()}")));
        }

        // Deliberate findings of every analyzer rule, and a failing gate with its reasons, across the two samples.
        Assert.Subset(seen, new HashSet<string> { "SL0001", "SL0002", "SL0003", "SL0004", "SL0005", "SL1001", "SL1002", "SL1003", "SL1004", "SL1006" });

        The_README_curl_example_works_as_written(repository);
        await A_fix_and_a_rebuild_mark_the_finding_fixed_and_the_unchanged_sample_stores_nothing(repository);
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

    private async Task A_fix_and_a_rebuild_mark_the_finding_fixed_and_the_unchanged_sample_stores_nothing(SampleRepository repository)
    {
        var file = Path.Combine(repository.Samples, "ClaimsTriage", "src", "ClaimsTriage", "Services", "FraudExplainer.cs");
        var source = File.ReadAllText(file);
        var fixedSource = source
            .Replace("[new UserChatMessage($\"Why could claim {claimId} be fraudulent? {description}\")]", "[new UserChatMessage(ClaimsTriage.Safety.ClaimGuard.Screen($\"Why could claim {claimId} be fraudulent? {description}\"))]", StringComparison.Ordinal)
            .Replace("// expect: SL0001, SL0002", "// expect: SL0001", StringComparison.Ordinal);
        Assert.NotEqual(source, fixedSource);
        File.WriteAllText(file, fixedSource);

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
        Assert.Equal(
            Sorted(BuildFindings.FromSarif(Path.Combine(repository.Demo, "claims-triage", "shiftleft.sarif")).Keys),
            Sorted(stored.Where(f => f.State != "Fixed").Select(f => new Finding(f.RuleId, f.Path, f.Line))));
    }

    private static List<string> Sorted<T>(IEnumerable<T> items) => items.Select(i => i!.ToString()!).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"```text\n(?<script>export SHIFTLEFT_TOKEN=.*?curl .*?)```", RegexOptions.Singleline)]
    private static partial Regex CurlExample();
}

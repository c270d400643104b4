using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ShiftLeft.Build.Tests.Infrastructure;
using ShiftLeft.Build.Tests.Unit.Publishing;

namespace ShiftLeft.Build.Tests.Integration;

/// <summary>
/// Real `dotnet build x.slnx` runs of a two-project repository consuming the packed ShiftLeft.Build, with the solution
/// hook exactly as docs/evidence-gate.md shows it, publishing to a loopback stand-in portal.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed partial class PublishingBuildTests(PackedPackageFixture package)
{
    private const string Token = "slt_testtoken1_S3CR3T-never-logged";

    /// <summary>The hook as the documentation shows it: the tests build with exactly that text.</summary>
    public static string SolutionHook()
    {
        var guide = File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "docs", "evidence-gate.md"));
        return HookBlock().Match(guide) is { Success: true } match ? match.Groups["xml"].Value : throw new InvalidOperationException("docs/evidence-gate.md has no solution-hook block");
    }

    private TestRepository Solution(bool hook = true, bool undeclaredAiProject = false)
    {
        var repository = new TestRepository { FileTimesFollowClock = false }.WithGreenSystem();
        package.WriteBuildScaffolding(repository);
        repository.Write(TestRepository.ProjectPath, package.ProjectXml());
        // A multi-targeted library: its findings come from two inner builds and are published once.
        repository.Write("src/Lib/Lib.csproj", package.ProjectXml().Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>", StringComparison.Ordinal));
        repository.Write("src/Lib/Util.cs", "namespace Lib;\npublic static class Util\n{\n    public static int Two()\n    {\n        int unused;\n        return 2;\n    }\n}\n");
        repository.Write("src/Support/Answer.cs", "namespace Support;\npublic static class Answer\n{\n    public static int Value => Lib.Util.Two();\n}\n");
        repository.Write(TestRepository.ProjectPath, package.ProjectXml().Replace("</Project>", "  <ItemGroup><ProjectReference Include=\"../Lib/Lib.csproj\" /></ItemGroup>\n</Project>", StringComparison.Ordinal));
        // An AI project that no system declares: the gate writes no report for it, only SL1007.
        var chat = undeclaredAiProject ? "  <Project Path=\"src/Chat/Chat.csproj\" />\n" : string.Empty;
        if (undeclaredAiProject)
        {
            repository.Write("src/Chat/Chat.csproj", package.ProjectXml("Microsoft.Extensions.AI.Abstractions/10.11.0"));
        }

        repository.Write("all.slnx", "<Solution>\n  <Project Path=\"src/Support/Support.csproj\" />\n  <Project Path=\"src/Lib/Lib.csproj\" />\n" + chat + "</Solution>\n");
        repository.Write("token.txt", Token + "\n");
        if (hook)
        {
            repository.Write("Directory.Solution.targets", SolutionHook());
        }

        return repository;
    }

    private DotnetResult Build(TestRepository repository, string portal, string extra = "") =>
        package.Run(repository.Root, $"build all.slnx -nologo -p:ShiftLeftPortalUrl={portal} -p:ShiftLeftPortalTokenFile={repository.FullPath("token.txt")} -p:ShiftLeftRepository=contoso/support-bot -p:ShiftLeftPublishRules=* {extra}", timeoutSeconds: 300);

    [Fact]
    public void A_solution_build_whose_gate_fails_uploads_once_with_every_project_and_still_fails()
    {
        using var repository = Solution(undeclaredAiProject: true);
        // Stamped like a reviewed evaluation, so its only fault is the threshold it fails.
        repository.WriteStamped("eval/support/results.json", TestRepository.AiEvalReport(repository.Date(1), 3.0, 3.2));
        using var portal = new CapturingPortal();

        var build = Build(repository, portal.Url);

        Assert.True(build.ExitCode != 0, build.ToString());
        var error = Assert.Single(build.Diagnostics, d => d.Severity == "error");
        Assert.Equal("SL1003", error.Code);
        Assert.Single(Regex.Matches(build.Output, "Build FAILED"));
        var upload = Assert.Single(portal.Uploads);
        Assert.Equal(("POST", "/api/v1/runs", "Bearer " + Token), (upload.Method, upload.Path, upload.Authorization));
        var form = MultipartForm.Parse(upload.ContentType, upload.Body);
        string Field(string name) => Assert.Single(form, p => p.Name == name).Text;
        Assert.Equal("contoso/support-bot", Field("repository"));
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", Field("commit"));
        Assert.Equal("main", Field("branch"));
        Assert.StartsWith("local-", Field("buildId"), StringComparison.Ordinal);
        Assert.Equal(repository.Root, Field("sourceRoot"));

        var evidence = JsonNode.Parse(Assert.Single(form, p => p.Name == "evidence").Text)!;
        Assert.False(evidence["gate"]!["passed"]!.GetValue<bool>());
        using var gzip = new GZipStream(new MemoryStream(Assert.Single(form, p => p.Name == "sarif").Bytes), CompressionMode.Decompress);
        var sarif = JsonNode.Parse(gzip)!;
        var findings = sarif["runs"]!.AsArray().SelectMany(r => r!["results"]!.AsArray())
            .Select(r => (Rule: r!["ruleId"]!.GetValue<string>(), File: r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>(), Line: r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>()))
            .ToList();
        Assert.Single(findings, f => f == ("CS0168", "src/Lib/Util.cs", 6));
        Assert.Contains(("SL1003", "eval/support/results.json", error.Line), findings);
        // Every gate finding is published, also of a project the gate wrote no evidence report for.
        var undeclared = Assert.Single(build.Diagnostics, d => d.Code == "SL1007");
        Assert.Contains(("SL1007", "src/Chat/Chat.csproj", undeclared.Line), findings);
        // Each gate finding carries its identity key where the compiler writes the analyzers' (docs/evidence-gate.md, "Identity of gate findings").
        var keys = sarif["runs"]!.AsArray().Single(r => r!["tool"]!["driver"]!["name"]!.GetValue<string>() == "ShiftLeft.Build")!["results"]!.AsArray()
            .Select(r => r!["properties"]!["customProperties"]!["ShiftLeftIdentity"]!.GetValue<string>()).ToList();
        Assert.Contains(keys, k => Regex.IsMatch(k, @"^SL1003\|support-assistant\|evaluation\|eval/support/results\.json\|[0-9a-f]+$"));
        Assert.Contains(keys, k => Regex.IsMatch(k, @"^SL1007\|\|\|src/Chat/Chat\.csproj\|[0-9a-f]+$"));
        Assert.Equal(File.ReadAllText(repository.FullPath("obj/shiftleft/all/shiftleft.sarif")), sarif.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.DoesNotContain(Token, build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_portal_is_a_warning_and_an_error_only_when_asked_and_the_token_never_reaches_the_log()
    {
        using var repository = Solution();
        var nobody = $"http://127.0.0.1:{CapturingPortal.FreePort()}";

        var warned = Build(repository, nobody, "-p:ShiftLeftPublishRetries=1 -v:diag");
        var failed = Build(repository, nobody, "-p:ShiftLeftPublishRetries=0 -p:ShiftLeftPublishFailureSeverity=Error --no-restore");

        Assert.True(warned.ExitCode == 0, warned.ToString());
        var warning = Assert.Single(Publishing(warned), d => d.Code == "SL1101");
        Assert.Equal("warning", warning.Severity);
        Assert.Contains("failed after 2 attempt(s): the portal is unreachable", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Upload attempt 1 failed", warned.Output, StringComparison.Ordinal);
        Assert.True(failed.ExitCode != 0, failed.ToString());
        Assert.Equal("error", Assert.Single(Publishing(failed), d => d.Code == "SL1101").Severity);
        Assert.DoesNotContain("S3CR3T", warned.Output + failed.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(repository.FullPath("obj/shiftleft/all/shiftleft.sarif")), "the log is written even when the upload fails");
    }

    [Fact]
    public void A_solution_without_the_hook_says_that_nothing_uploads()
    {
        using var repository = Solution(hook: false);
        using var portal = new CapturingPortal();

        var build = Build(repository, portal.Url);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(portal.Uploads);
        // The gate of the AI project asked the portal configured for publishing (docs/evidence-gate.md "Asking the portal").
        Assert.Contains("/api/v1/governance/exceptions", portal.Lookups);
        Assert.Contains(Publishing(build), d => d.Code == "SL1102" && d.Message.Contains("all.slnx has no publishing hook", StringComparison.Ordinal));
        Assert.True(File.Exists(repository.FullPath("src/Support/obj/Debug/net10.0/Support.sarif")), "SARIF is on in a gated project");
    }

    [Fact]
    public void The_samples_carry_the_documented_hook()
    {
        foreach (var sample in new[] { "SupportAssistant", "ClaimsTriage" })
        {
            Assert.Equal(SolutionHook(), File.ReadAllText(Path.Combine(PackedPackageFixture.RepositoryRoot, "samples", sample, "Directory.Solution.targets")));
        }
    }

    /// <summary>SL1101/SL1102 as logged: for the solution as a whole MSBuild writes "file : warning CODE: text", with no line.</summary>
    private static List<(string Severity, string Code, string Message)> Publishing(DotnetResult build) =>
        PublishingDiagnostic().Matches(build.Output).Select(m => (m.Groups["severity"].Value, m.Groups["code"].Value, m.Groups["message"].Value.Trim())).Distinct().ToList();

    [GeneratedRegex(@" : (?<severity>warning|error) (?<code>SL110\d): (?<message>[^\r\n]*?)(?: \[[^\]\r\n]+\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex PublishingDiagnostic();

    [GeneratedRegex(@"<!-- solution-hook[^>]*-->\s*```xml\n(?<xml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex HookBlock();
}

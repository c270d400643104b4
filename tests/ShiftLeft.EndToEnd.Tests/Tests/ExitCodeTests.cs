using ShiftLeft.Build.Publishing;
using ShiftLeft.Cli;
using ShiftLeft.Cli.Scanning;

namespace ShiftLeft.EndToEnd.Tests.Tests;

/// <summary>The tool's exit codes, in their documented precedence: a broken build, a failed upload, a failed gate, findings.</summary>
public sealed class ExitCodeTests
{
    private static ScanResult Result(bool gatePassed = true, int findings = 0, bool buildBroken = false, string? publish = null, bool uploaded = false, FailOn failOn = FailOn.Gate)
    {
        var diagnostics = buildBroken ? new[] { new BuildDiagnostic("error", "CS0246", "A.cs(1,1)", "missing type") } : [];
        var systems = new[] { new PublishedSystem("chat", "high", gatePassed, "/r/Chat.csproj", "/o/evidence/chat.json") };
        var rules = findings > 0 ? new Dictionary<string, int> { ["SL0002"] = findings } : new Dictionary<string, int>();
        var receipt = uploaded ? new UploadReceipt(1, "r", false, findings, findings, 0, findings, gatePassed, "http://p/api/v1/runs/1") : null;
        return new ScanResult(
            new ScanTarget("/r/App.sln", "/r"),
            new BuildOutcome(buildBroken ? 1 : 0, diagnostics, "/o/build.log"),
            new PublishOutcome("/o/shiftleft.sarif", rules, systems, new SourceControl("r", "c", "main", null, "/r", "git"), "local-1", receipt, publish is not null && !uploaded ? "refused" : null),
            publish,
            [],
            failOn);
    }

    [Fact]
    public void Each_outcome_has_its_code() => Assert.Equal(
        [ExitCodes.Success, ExitCodes.GateFailed, ExitCodes.FindingsFound, ExitCodes.BuildFailed, ExitCodes.PublishFailed, ExitCodes.Success, ExitCodes.Success],
        [
            Result(findings: 3).ExitCode,
            Result(gatePassed: false).ExitCode,
            Result(findings: 3, failOn: FailOn.Findings).ExitCode,
            Result(gatePassed: false, buildBroken: true, publish: "http://p", uploaded: false).ExitCode,
            Result(gatePassed: false, publish: "http://p", uploaded: false).ExitCode,
            Result(gatePassed: false, failOn: FailOn.Never).ExitCode,
            Result(findings: 2, publish: "http://p", uploaded: true).ExitCode,
        ]);

    [Fact]
    public void A_gate_failure_outranks_findings() =>
        Assert.Equal(ExitCodes.GateFailed, Result(gatePassed: false, findings: 4, failOn: FailOn.Findings).ExitCode);
}

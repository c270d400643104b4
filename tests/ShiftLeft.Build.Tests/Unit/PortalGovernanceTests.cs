using System.Text.Json.Nodes;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Gate;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Tasks;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// The gate asking the portal over real HTTP (docs/evidence-gate.md "Asking the portal"): a sign-off, approved
/// exceptions and the accepted baseline are fetched with the repository's token and verified with the policy's
/// public key exactly like committed records; an altered answer is refused; an unreachable or silent portal is
/// reported, fails closed where a requirement depends on it, and costs at most one timeout.
/// </summary>
public sealed class PortalGovernanceTests
{
    private const string Token = "sl_test_0123456789abcdef";
    private const string Repository = "contoso/support";

    [Fact]
    public void Evidence_signed_off_on_the_portal_passes_without_a_committed_record()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete(TestRepository.SignOffPath);
        using var portal = new GovernancePortal();
        var evidence = repository.Evaluate().Report!.EvidenceSha256!;
        portal.Answer("sign-off", signer.SignOff("support-assistant", evidence, repository.Now.AddHours(-2))).Answer("exceptions", "[]");

        var result = Evaluate(repository, portal);

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Equal(("signed", "Rita Reviewer <rita@example.com>", evidence), (result.Report!.SignOff!.Status, result.Report.SignOff.Signer, result.Report.SignOff.EvidenceSha256));
        Assert.Equal(RequirementStatus.Present, result.Report.Requirements.Single(r => r.Kind == "signOff").Status);
        var asked = portal.Requests.Single(r => r.Path == "/api/v1/governance/sign-off");
        Assert.Equal("Bearer " + Token, asked.Authorization);
        Assert.Equal($"?repository=contoso%2Fsupport&system=support-assistant&evidenceSha256={evidence}", asked.Query);
    }

    [Fact]
    public void Evidence_the_portal_has_not_signed_fails_with_SL1010_saying_so()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete(TestRepository.SignOffPath);
        using var portal = new GovernancePortal();
        portal.Answer("exceptions", "[]");

        var result = Evaluate(repository, portal);

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(RuleIds.SignatureInvalid, error.Code);
        Assert.Contains($"The portal ({portal.Url}/api/v1/governance/sign-off) has no sign-off of this evidence either.", error.Message, StringComparison.Ordinal);
        Assert.Equal("missing", result.Report!.SignOff!.Status);
    }

    [Theory]
    [InlineData("evidence reviewed", "evidence reviewee")]
    [InlineData("Rita Reviewer", "Rita Reviewes")]
    public void An_altered_sign_off_from_the_portal_is_refused_even_beside_a_valid_committed_record(string original, string altered)
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer);
        using var portal = new GovernancePortal();
        var evidence = repository.Evaluate().Report!.EvidenceSha256!;
        var record = signer.SignOff("support-assistant", evidence, repository.Now.AddHours(-2), comment: "All evidence reviewed; release approved.");
        Assert.Contains(original, record, StringComparison.Ordinal);
        portal.Answer("sign-off", record.Replace(original, altered, StringComparison.Ordinal)).Answer("exceptions", "[]");

        var result = Evaluate(repository, portal);

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(RuleIds.SignatureInvalid, error.Code);
        Assert.Contains("does not match its signature", error.Message, StringComparison.Ordinal);
        Assert.Contains("it is refused", error.Message, StringComparison.Ordinal);
        Assert.Equal(("shiftleft.json", "invalid"), (error.Location.File, result.Report!.SignOff!.Status));
    }

    [Fact]
    public void A_portal_signing_with_a_key_the_policy_does_not_trust_is_refused()
    {
        using var signer = new PortalSigner();
        using var impostor = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete(TestRepository.SignOffPath);
        using var portal = new GovernancePortal();
        portal.Answer("sign-off", impostor.SignOff("support-assistant", repository.Evaluate().Report!.EvidenceSha256!, repository.Now.AddHours(-2))).Answer("exceptions", "[]");

        var error = Assert.Single(Evaluate(repository, portal).Diagnostics, d => d.Level == DiagnosticLevel.Error);

        Assert.Equal(RuleIds.SignatureInvalid, error.Code);
        Assert.Contains("does not match its signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_portal_fails_a_required_sign_off_naming_the_cause()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete(TestRepository.SignOffPath);
        var nowhere = $"http://127.0.0.1:{CapturingPortal.FreePort()}";

        var result = Evaluate(repository, nowhere);

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(RuleIds.SignatureInvalid, error.Code);
        Assert.Contains($"The portal could not be asked whether this evidence is signed off ({nowhere}/api/v1/governance/sign-off: the portal is unreachable", error.Message, StringComparison.Ordinal);
        var exceptions = Assert.Single(result.Diagnostics, d => d.Code == RuleIds.ExceptionExpired);
        Assert.Equal(DiagnosticLevel.Warning, exceptions.Level);
        Assert.Contains("could not be read from the portal", exceptions.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_portal_leaves_a_valid_committed_sign_off_in_force_with_a_warning()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer);

        var result = Evaluate(repository, $"http://127.0.0.1:{CapturingPortal.FreePort()}");

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Equal("signed", result.Report!.SignOff!.Status);
        var warning = Assert.Single(result.Diagnostics, d => d.Code == RuleIds.SignatureInvalid);
        Assert.Equal((DiagnosticLevel.Warning, TestRepository.SignOffPath), (warning.Level, warning.Location.File));
        Assert.Contains("The committed sign-off record 'governance/support-assistant.signoff.json' was used.", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_portal_that_never_answers_costs_one_timeout_and_is_not_asked_again()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete(TestRepository.SignOffPath);
        using var portal = new GovernancePortal { Silent = true };

        var result = Evaluate(repository, portal.Url, timeoutSeconds: 1);

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Contains("sign-off: no answer within 1 s", error.Message, StringComparison.Ordinal);
        // Exceptions (asked first), the baseline and the sign-off: one request, the others failed at once.
        Assert.Equal("/api/v1/governance/exceptions", Assert.Single(portal.Requests).Path);
    }

    [Fact]
    public void Approved_exceptions_come_from_the_portal_and_an_altered_one_is_refused()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete("eval/support/redteam.json").Delete(TestRepository.SignOffPath);
        using var portal = new GovernancePortal();
        var record = signer.Exception("support-assistant", "redTeam", "Dana Dev <dana@example.com>", "Carla CISO <ciso@example.com>", repository.Now.AddDays(-7), DateOnly.FromDateTime(repository.Now.AddDays(60).UtcDateTime), risks: "R-1");
        portal.Answer("exceptions", "[" + record + "]");
        var evidence = Evaluate(repository, portal).Report!.EvidenceSha256!;
        portal.Answer("sign-off", signer.SignOff("support-assistant", evidence, repository.Now.AddHours(-2)));

        var waived = Evaluate(repository, portal);

        Assert.True(waived.Passed, string.Join("\n", waived.Diagnostics));
        var redTeam = waived.Report!.Requirements.Single(r => r.Kind == "redTeam");
        Assert.Equal((RequirementStatus.Excepted, "Dana Dev <dana@example.com>", "Carla CISO <ciso@example.com>"), (redTeam.Status, redTeam.Exception!.RequestedBy, redTeam.Exception.ApprovedBy));
        Assert.NotEqual(repository.Evaluate().Report!.EvidenceSha256, evidence);

        var node = JsonNode.Parse(record)!;
        node["expires"] = DateOnly.FromDateTime(repository.Now.AddDays(90).UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        portal.Answer("exceptions", "[" + node.ToJsonString() + "]");
        var altered = Evaluate(repository, portal);

        Assert.False(altered.Passed);
        var refused = Assert.Single(altered.Diagnostics, d => d.Code == RuleIds.SignatureInvalid && d.Message.Contains("does not match its signature", StringComparison.Ordinal));
        Assert.Equal("shiftleft.json", refused.Location.File);
        Assert.Contains($"{portal.Url}/api/v1/governance/exceptions (record ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(altered.Diagnostics, d => d.Code == RuleIds.ArtifactMissing && d.Level == DiagnosticLevel.Error);
    }

    [Fact]
    public void The_portal_baseline_wins_unless_the_committed_one_is_chosen()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer);
        using var portal = new GovernancePortal();
        var fromPortal = JsonNode.Parse(repository.Read("shiftleft-baseline.json"))!;
        fromPortal["systems"]!["support-assistant"]!["acceptedBy"] = "Portal Owner <owner@example.com>";
        portal.Answer("baseline", fromPortal.ToJsonString()).Answer("exceptions", "[]");

        var portalFirst = Evaluate(repository, portal);
        var committedFirst = Evaluate(repository, portal, committedFirst: true);

        Assert.Equal(("portal", "Portal Owner <owner@example.com>", $"{portal.Url}/api/v1/governance/baseline"), (portalFirst.Report!.Baseline!.Source, portalFirst.Report.Baseline.AcceptedBy, portalFirst.Report.Baseline.Location));
        Assert.Equal(("file", "Lena Lead <lena@example.com>"), (committedFirst.Report!.Baseline!.Source, committedFirst.Report.Baseline.AcceptedBy));

        portal.Answer("baseline", null);
        Assert.Equal("file", Evaluate(repository, portal).Report!.Baseline!.Source);

        portal.Answer("baseline", "{\"format\":\"shiftleft-baseline\"}");
        var broken = Evaluate(repository, portal);
        Assert.Equal("invalid", broken.Report!.Baseline!.Status);
        Assert.Contains(broken.Diagnostics, d => d.Code == RuleIds.ArtifactInvalid && d.Level == DiagnosticLevel.Error && d.Location.File == "shiftleft.json" && d.Message.EndsWith("(The portal's answer.)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_task_asks_the_portal_with_the_token_from_the_environment_never_logs_it_and_is_never_up_to_date()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete(TestRepository.SignOffPath);
        using var portal = new GovernancePortal();
        portal.Answer("sign-off", signer.SignOff("support-assistant", repository.Evaluate().Report!.EvidenceSha256!, repository.Now.AddHours(-2))).Answer("exceptions", "[]");
        var (task, engine) = NewTask(repository, portal.Url);

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        Assert.Equal("Bearer " + Token, portal.Requests[0].Authorization);
        Assert.All(portal.Requests, r => Assert.StartsWith("?repository=contoso%2Fsupport&", r.Query, StringComparison.Ordinal));
        Assert.False(File.Exists(task.StampPath));

        using var down = new GovernancePortal { Silent = true };
        var (failing, failingEngine) = NewTask(repository, down.Url);
        failing.GovernanceTimeoutSeconds = "1";
        Assert.False(failing.Execute());
        var error = Assert.Single(failingEngine.Errors);
        Assert.Equal(RuleIds.SignatureInvalid, error.Code);
        Assert.Contains("no answer within 1 s", error.Message, StringComparison.Ordinal);
        var logged = failingEngine.Errors.Select(e => e.Message).Concat(failingEngine.Warnings.Select(w => w.Message)).Concat(failingEngine.Messages.Select(m => m.Message)).Concat(engine.Messages.Select(m => m.Message));
        Assert.DoesNotContain(logged, m => m!.Contains(Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://portal.example.com", "is not an http(s) base URL")]
    [InlineData("http://portal.example.com", "plain http to another machine")]
    public void A_portal_url_the_gate_cannot_use_fails_a_required_sign_off_naming_why(string url, string why)
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete(TestRepository.SignOffPath);
        var (task, engine) = NewTask(repository, url);

        Assert.False(task.Execute());

        Assert.Contains(why, Assert.Single(engine.Errors, e => e.Code == RuleIds.SignatureInvalid).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_token_the_gate_says_so_instead_of_asking()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer).Delete(TestRepository.SignOffPath);
        using var portal = new GovernancePortal();
        var (task, engine) = NewTask(repository, portal.Url, token: null);

        Assert.False(task.Execute());

        Assert.Contains("No ingestion token", Assert.Single(engine.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(portal.Requests);
    }

    [Fact]
    public void ShiftLeftGovernanceOnline_false_keeps_the_gate_offline()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer);
        using var portal = new GovernancePortal { Silent = true };
        var (task, _) = NewTask(repository, portal.Url);
        task.GovernanceOnline = "false";

        Assert.True(task.Execute());

        Assert.Empty(portal.Requests);
        Assert.True(File.Exists(task.StampPath));
    }

    [Fact]
    public void Unknown_baseline_source_and_timeout_values_are_reported()
    {
        using var signer = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(signer);
        using var portal = new GovernancePortal();
        portal.Answer("exceptions", "[]");
        var (wrongSource, sourceEngine) = NewTask(repository, portal.Url);
        wrongSource.BaselineSource = "Newest";
        var (wrongTimeout, timeoutEngine) = NewTask(repository, portal.Url);
        wrongTimeout.GovernanceTimeoutSeconds = "600";

        Assert.False(wrongSource.Execute());
        Assert.True(wrongTimeout.Execute());

        var error = Assert.Single(sourceEngine.Errors);
        Assert.Equal(RuleIds.PolicyInvalid, error.Code);
        Assert.Contains("ShiftLeftBaselineSource is 'Newest', which is neither Portal nor Committed", error.Message, StringComparison.Ordinal);
        var warning = Assert.Single(timeoutEngine.Warnings, w => w.Code == RuleIds.PolicyInvalid);
        Assert.Contains("ShiftLeftGovernanceTimeoutSeconds is '600', which is not a whole number from 1 to 120; 10 is used.", warning.Message, StringComparison.Ordinal);
    }

    private static GateResult Evaluate(TestRepository repository, GovernancePortal portal, bool committedFirst = false) =>
        Evaluate(repository, portal.Url, committedFirst: committedFirst);

    private static GateResult Evaluate(TestRepository repository, string url, int timeoutSeconds = 10, bool committedFirst = false)
    {
        using var portal = new PortalGovernance(new Uri(url), Token, Repository, TimeSpan.FromSeconds(timeoutSeconds));
        return EvidenceGate.Evaluate(new GateRequest
        {
            ProjectPath = repository.FullPath(TestRepository.ProjectPath),
            PolicyPath = repository.FullPath("shiftleft.json"),
            Now = repository.Now,
            Commit = TestRepository.Commit,
            Portal = portal,
            CommittedBaselineFirst = committedFirst,
        });
    }

    private static (ShiftLeftEvidenceGate Task, RecordingEngine Engine) NewTask(TestRepository repository, string url, string? token = Token)
    {
        var (task, engine) = EvidenceGateTaskTests.NewTask(repository, "Error");
        (task.PortalUrl, task.Repository, task.Environment) = (url, Repository, name => name == "SHIFTLEFT_TOKEN" ? token : null);
        return (task, engine);
    }
}

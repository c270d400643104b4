using System.Text.Json.Nodes;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// Risk acceptance with four eyes: requester ≠ approver is enforced, expiry is bounded by maxExceptionDays, plain
/// exceptions in shiftleft.json are refused under fourEyes unless allowed, signed records exported from the portal
/// apply, and policies without the section keep working as before.
/// </summary>
public sealed class FourEyesTests
{
    private const string RecordPath = "governance/exceptions/support-redteam.json";

    private static string PlainException(string requestedBy, string approvedBy, string approvedAt, string expires) => $$"""
        "exceptions": [{ "system": "support-assistant", "requirement": "redTeam", "reason": "External red team booked for January",
                         "requestedBy": "{{requestedBy}}", "approvedBy": "{{approvedBy}}", "approvedAt": "{{approvedAt}}", "expires": "{{expires}}", "risks": ["R-1"] }]
        """;

    private static TestRepository WithoutRedTeam(string policy)
    {
        var repository = new TestRepository();
        repository.WithGreenSystem(policy);
        return repository.Delete("eval/support/redteam.json");
    }

    [Theory]
    [InlineData("ciso@example.com", "ciso@example.com")]
    [InlineData("Dana Dev <dana@example.com>", "DANA@example.com")]
    [InlineData("  Dana Dev ", "dana dev")]
    public void An_exception_approved_by_its_requester_does_not_apply_even_without_four_eyes(string requestedBy, string approvedBy)
    {
        using var repository = WithoutRedTeam(TestRepository.GreenPolicy.Replace("\"exceptions\": []", PlainException(requestedBy, approvedBy, "2026-11-20", "2027-01-31"), StringComparison.Ordinal));

        var result = repository.Evaluate();

        var selfApproved = Assert.Single(result.Diagnostics, d => d.Code == RuleIds.ExceptionExpired);
        Assert.Equal((DiagnosticLevel.Error, "shiftleft.json", TextLines.LineOf(repository.Read("shiftleft.json"), "\"requestedBy\"")), (selfApproved.Level, selfApproved.Location.File, selfApproved.Location.Line));
        Assert.Contains("was requested and approved by the same person, so it does not apply: accepting a risk needs four eyes", selfApproved.Message, StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.Code == RuleIds.ArtifactMissing);
        Assert.Null(result.Report!.Requirements.Single(r => r.Kind == "redTeam").Exception);
    }

    [Fact]
    public void Four_eyes_needs_requester_and_approval_date_in_the_policy()
    {
        using var repository = WithoutRedTeam(TestRepository.GreenPolicy.Replace("\"exceptions\": []", """
            "riskAcceptance": { "fourEyes": true, "unsignedExceptions": "allow" },
            "exceptions": [{ "system": "support-assistant", "requirement": "redTeam", "reason": "r", "approvedBy": "ciso@example.com", "expires": "2027-01-31" }]
            """, StringComparison.Ordinal));

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.PolicyInvalid, error.Code);
        Assert.Contains("has no requestedBy and approvedAt, which riskAcceptance.fourEyes requires", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_four_eyes_a_plain_exception_is_refused_unless_unsigned_exceptions_are_allowed()
    {
        var exception = PlainException("dana@example.com", "ciso@example.com", "2026-11-20", "2027-01-31");
        using var rejecting = WithoutRedTeam(TestRepository.GreenPolicy.Replace("\"exceptions\": []", "\"riskAcceptance\": { \"fourEyes\": true },\n" + exception, StringComparison.Ordinal));

        var refused = rejecting.Evaluate();
        var error = Assert.Single(refused.Diagnostics, d => d.Code == RuleIds.ExceptionExpired);
        Assert.Contains("where nothing proves who approved it; with riskAcceptance.fourEyes only exceptions approved in the portal and exported as signed records count", error.Message, StringComparison.Ordinal);
        Assert.Contains(refused.Diagnostics, d => d.Code == RuleIds.ArtifactMissing);

        using var allowing = WithoutRedTeam(TestRepository.GreenPolicy.Replace("\"exceptions\": []", "\"riskAcceptance\": { \"fourEyes\": true, \"unsignedExceptions\": \"allow\" },\n" + exception, StringComparison.Ordinal));
        var applied = allowing.Evaluate();
        Assert.True(applied.Passed, string.Join("\n", applied.Diagnostics));
        var report = applied.Report!.Requirements.Single(r => r.Kind == "redTeam");
        Assert.Equal(RequirementStatus.Excepted, report.Status);
        Assert.Equal(("dana@example.com", "ciso@example.com", new DateOnly(2026, 11, 20), "policy"), (report.Exception!.RequestedBy, report.Exception.ApprovedBy, report.Exception.ApprovedAt!.Value, report.Exception.Source));
        Assert.Equal(["R-1"], report.Exception.Risks);
    }

    [Fact]
    public void An_exception_longer_than_maxExceptionDays_does_not_apply()
    {
        // Approved 2026-11-20, 180 days allowed: 2027-05-19 is the last possible expiry.
        var policy = TestRepository.GreenPolicy.Replace("\"exceptions\": []", "\"riskAcceptance\": { \"fourEyes\": true, \"unsignedExceptions\": \"allow\" },\n" + PlainException("dana@example.com", "ciso@example.com", "2026-11-20", "2027-05-20"), StringComparison.Ordinal);
        using var repository = WithoutRedTeam(policy);

        var error = Assert.Single(repository.Evaluate().Diagnostics, d => d.Code == RuleIds.ExceptionExpired);

        Assert.Equal(TextLines.LineOf(repository.Read("shiftleft.json"), "\"expires\": \"2027-05-20\""), error.Location.Line);
        Assert.Contains("runs until 2027-05-20, 181 days from its approval on 2026-11-20, beyond riskAcceptance.maxExceptionDays (180)", error.Message, StringComparison.Ordinal);

        repository.Write("shiftleft.json", policy.Replace("2027-05-20", "2027-05-19", StringComparison.Ordinal));
        Assert.True(repository.Evaluate().Passed);
    }

    [Fact]
    public void Policies_without_risk_acceptance_keep_far_expiries_and_no_requester()
    {
        using var repository = WithoutRedTeam(TestRepository.GreenPolicy.Replace("\"exceptions\": []", """
            "exceptions": [{ "system": "support-assistant", "requirement": "redTeam", "reason": "r", "approvedBy": "ciso@example.com", "expires": "2099-01-01" }]
            """, StringComparison.Ordinal));

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        Assert.Equal(RequirementStatus.Excepted, result.Report!.Requirements.Single(r => r.Kind == "redTeam").Status);
    }

    [Fact]
    public void A_signed_record_from_the_portal_waives_the_requirement()
    {
        using var portal = new PortalSigner();
        using var repository = Governed(portal);
        repository.Write(RecordPath, portal.Exception("support-assistant", "redTeam", "Dana Dev <dana@example.com>", "Carla CISO <ciso@example.com>", repository.Now.AddDays(-7), DateOnly.FromDateTime(repository.Now.AddDays(60).UtcDateTime), risks: "R-1")).SignOff(portal);

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        var exception = result.Report!.Requirements.Single(r => r.Kind == "redTeam").Exception!;
        Assert.Equal(("record", RecordPath, portal.KeyId, "Dana Dev <dana@example.com>"), (exception.Source, exception.Record!, exception.KeyId!, exception.RequestedBy!));
    }

    [Fact]
    public void A_tampered_record_is_rejected_and_waives_nothing()
    {
        using var portal = new PortalSigner();
        using var repository = Governed(portal);
        var record = JsonNode.Parse(portal.Exception("support-assistant", "redTeam", "Dana Dev <dana@example.com>", "Carla CISO <ciso@example.com>", repository.Now.AddDays(-7), DateOnly.FromDateTime(repository.Now.AddDays(60).UtcDateTime)))!;
        record["expires"] = "2027-12-31";
        repository.Write(RecordPath, record.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })).SignOff(portal);

        var result = repository.Evaluate();

        var tampered = Assert.Single(result.Diagnostics, d => d.Code == RuleIds.SignatureInvalid);
        Assert.Equal((RecordPath, TextLines.LineOf(repository.Read(RecordPath), "\"signature\"")), (tampered.Location.File, tampered.Location.Line));
        Assert.Contains("does not match its signature: it was changed after the portal signed it, so it does not apply", tampered.Message, StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.Code == RuleIds.ArtifactMissing);
    }

    [Fact]
    public void A_signed_record_approved_by_its_requester_or_expired_does_not_apply()
    {
        using var portal = new PortalSigner();
        using var repository = Governed(portal);
        repository.Write(RecordPath, portal.Exception("support-assistant", "redTeam", "dana@example.com", "Dana Dev <dana@example.com>", repository.Now.AddDays(-7), DateOnly.FromDateTime(repository.Now.AddDays(60).UtcDateTime))).SignOff(portal);
        var self = Assert.Single(repository.Evaluate().Diagnostics, d => d.Code == RuleIds.ExceptionExpired);
        Assert.Equal((DiagnosticLevel.Error, RecordPath), (self.Level, self.Location.File));
        Assert.Contains("(record governance/exceptions/support-redteam.json, approved by Dana Dev <dana@example.com>) was requested and approved by the same person", self.Message, StringComparison.Ordinal);

        repository.Write(RecordPath, portal.Exception("support-assistant", "redTeam", "dana@example.com", "ciso@example.com", repository.Now.AddDays(-100), DateOnly.FromDateTime(repository.Now.AddDays(-1).UtcDateTime))).SignOff(portal);
        var expired = Assert.Single(repository.Evaluate().Diagnostics, d => d.Code == RuleIds.ExceptionExpired);
        Assert.Contains("expired on " + repository.Date(1), expired.Message, StringComparison.Ordinal);
    }

    // The governed system without its red team; each test writes its record, then the portal signs the evidence off.
    private static TestRepository Governed(PortalSigner portal)
    {
        var repository = new TestRepository();
        repository.WithGreenSystem(TestRepository.GovernedPolicy(portal)).AcceptBaseline();
        repository.Delete("eval/support/redteam.json").Delete("eval/support/redteam.json.shiftleft-stamp.json");
        return repository.Write("shiftleft.json", repository.Read("shiftleft.json").Replace(", \"violence.defect_rate\": \"<= 0.01\"", string.Empty, StringComparison.Ordinal));
    }
}

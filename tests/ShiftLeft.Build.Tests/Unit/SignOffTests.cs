using System.Text.Json.Nodes;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Report;
using ShiftLeft.Build.Tests.Infrastructure;

namespace ShiftLeft.Build.Tests.Unit;

/// <summary>
/// Release sign-off (SL1010): a tier requiring "signOff" needs a record exported from the portal, signed with a key
/// the policy trusts, for exactly the current evidence (evidenceSha256).
/// </summary>
public sealed class SignOffTests
{
    private const string Record = TestRepository.SignOffPath;

    [Fact]
    public void Signed_off_evidence_passes_and_the_report_names_the_signer()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);

        var result = repository.Evaluate();

        Assert.True(result.Passed, string.Join("\n", result.Diagnostics));
        var signOff = result.Report!.SignOff!;
        Assert.Equal(("signed", true, "Rita Reviewer <rita@example.com>", portal.KeyId), (signOff.Status, signOff.Required, signOff.Signer, signOff.KeyId));
        Assert.Equal(result.Report.EvidenceSha256, signOff.EvidenceSha256);
        Assert.Equal(RequirementStatus.Present, result.Report.Requirements.Single(r => r.Kind == "signOff").Status);
    }

    [Fact]
    public void Required_sign_off_that_is_missing_fails_with_the_digest_to_sign()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        repository.Delete(Record);

        var result = repository.Evaluate();

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal((RuleIds.SignatureInvalid, "shiftleft.json"), (error.Code, error.Location.File));
        Assert.Equal(TextLines.LineOf(repository.Read("shiftleft.json"), "\"signOff\": \"governance"), error.Location.Line);
        Assert.Contains($"evidenceSha256 {result.Report!.EvidenceSha256}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'governance/support-assistant.signoff.json' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal("missing", result.Report.SignOff!.Status);
    }

    [Fact]
    public void Required_sign_off_without_a_declared_path_fails()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        repository.Write("shiftleft.json", repository.Read("shiftleft.json").Replace(",\n      \"signOff\": \"" + Record + "\"", string.Empty, StringComparison.Ordinal));

        var error = Assert.Single(repository.Evaluate().Diagnostics, d => d.Level == DiagnosticLevel.Error);

        Assert.Equal(RuleIds.SignatureInvalid, error.Code);
        Assert.Contains("declares no \"evidence\": { \"signOff\": \"<path>\" }", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_off_of_other_evidence_fails_once_an_artifact_changes()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        var signed = repository.Evaluate().Report!.EvidenceSha256!;
        // The data sheet is re-reviewed after the sign-off: the evidence is no longer what was signed.
        repository.Write("docs/ai/support/data-sheet.md", repository.Read("docs/ai/support/data-sheet.md").Replace("Knowledge-base articles.", "Knowledge-base articles and support tickets.", StringComparison.Ordinal));

        var result = repository.Evaluate();

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal((RuleIds.SignatureInvalid, Record), (error.Code, error.Location.File));
        Assert.Equal(TextLines.LineOf(repository.Read(Record), "\"evidenceSha256\""), error.Location.Line);
        Assert.Contains($"signs other evidence: evidenceSha256 {signed}, while the evidence now is {result.Report!.EvidenceSha256}", error.Message, StringComparison.Ordinal);
        Assert.Equal((RequirementStatus.Stale, "stale"), (result.Report.Requirements.Single(r => r.Kind == "signOff").Status, result.Report.SignOff!.Status));
    }

    [Theory]
    [InlineData("comment", "Approved without reading.")]
    [InlineData("evidenceSha256", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("signer", "Mallory <mallory@example.com>")]
    [InlineData("signedAt", "2026-11-20T10:00:00Z")]
    public void A_record_edited_after_signing_is_rejected(string field, string value)
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        var record = JsonNode.Parse(repository.Read(Record))!.AsObject();
        record[field] = value;
        repository.Write(Record, record.ToJsonString());

        var error = Assert.Single(repository.Evaluate().Diagnostics, d => d.Level == DiagnosticLevel.Error);

        Assert.Equal((RuleIds.SignatureInvalid, Record), (error.Code, error.Location.File));
        Assert.Contains("does not match its signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_signed_by_a_key_the_policy_does_not_trust_is_rejected()
    {
        using var portal = new PortalSigner();
        using var impostor = new PortalSigner("portal-test");
        using var stranger = new PortalSigner("someone-else");
        using var repository = new TestRepository().WithGovernedSystem(portal);
        var digest = repository.Evaluate().Report!.EvidenceSha256!;

        // Same key id, other key: the signature does not verify.
        repository.Write(Record, impostor.SignOff("support-assistant", digest, repository.Now.AddHours(-1)));
        var forged = Assert.Single(repository.Evaluate().Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Contains("does not match its signature", forged.Message, StringComparison.Ordinal);

        // A key id the policy does not list.
        repository.Write(Record, stranger.SignOff("support-assistant", digest, repository.Now.AddHours(-1)));
        var unknown = Assert.Single(repository.Evaluate().Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(RuleIds.SignatureInvalid, unknown.Code);
        Assert.Contains("is signed by key 'someone-else', which trustedKeys in shiftleft.json does not list (it lists 'portal-test')", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sign_off_of_another_system_does_not_count()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        repository.Write(Record, portal.SignOff("billing-bot", repository.Evaluate().Report!.EvidenceSha256!, repository.Now.AddHours(-1)));

        var error = Assert.Single(repository.Evaluate().Diagnostics, d => d.Level == DiagnosticLevel.Error);

        Assert.Contains("signs off system 'billing-bot', not 'support-assistant'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_evidence_digest_ignores_time_commit_and_the_record_itself_but_not_the_policy()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        var digest = repository.Evaluate().Report!.EvidenceSha256;

        // Another day, another commit, the record committed: the same evidence.
        using var later = new TestRepository(repository.Now.AddDays(3));
        foreach (var file in Directory.GetFiles(repository.Root, "*", SearchOption.AllDirectories))
        {
            later.WriteBytes(Path.GetRelativePath(repository.Root, file), File.ReadAllBytes(file));
        }

        var rebuilt = EvidenceGate(later, "fedcba9876543210fedcba9876543210fedcba98");
        Assert.Equal(digest, rebuilt.Report!.EvidenceSha256);
        Assert.True(rebuilt.Passed, string.Join("\n", rebuilt.Diagnostics));

        // Loosening the policy after the sign-off is a change of what was signed.
        repository.Write("shiftleft.json", repository.Read("shiftleft.json").Replace("\">= 4\"", "\">= 3\"", StringComparison.Ordinal));
        Assert.NotEqual(digest, repository.Evaluate().Report!.EvidenceSha256);
    }

    [Fact]
    public void A_tier_requiring_sign_off_without_trusted_keys_is_an_invalid_policy()
    {
        using var portal = new PortalSigner();
        using var repository = new TestRepository().WithGovernedSystem(portal);
        repository.Write("shiftleft.json", repository.Read("shiftleft.json").Replace("\"trustedKeys\": [ " + portal.TrustedKeyJson + " ],", string.Empty, StringComparison.Ordinal).Replace("\"records\": [\"governance/exceptions/*.json\"]", "\"records\": []", StringComparison.Ordinal));

        var error = Assert.Single(repository.Evaluate().Diagnostics);

        Assert.Equal(RuleIds.PolicyInvalid, error.Code);
        Assert.Contains("requires a release sign-off, but the policy lists no trustedKeys", error.Message, StringComparison.Ordinal);
        Assert.Equal(TextLines.LineOf(repository.Read("shiftleft.json"), "\"signOff\"]"), error.Location.Line);
    }

    private static Gate.GateResult EvidenceGate(TestRepository repository, string commit) => ShiftLeft.Build.Gate.EvidenceGate.Evaluate(new Gate.GateRequest
    {
        ProjectPath = repository.FullPath(TestRepository.ProjectPath),
        PolicyPath = repository.FullPath("shiftleft.json"),
        Now = repository.Now,
        Commit = commit,
    });
}

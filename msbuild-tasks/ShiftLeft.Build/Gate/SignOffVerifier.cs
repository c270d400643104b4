using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;
using ShiftLeft.Build.Report;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// Checks the release sign-off of a system (SL1010) once the evidence digest is known: the record must exist, be
/// signed by a key of trustedKeys (ECDSA P-256, over the payload of <see cref="Governance.SignedRecordPayload"/>),
/// name this system, not be dated in the future, and sign exactly the current <c>evidenceSha256</c>. The signature is
/// checked first: no field of a record whose signature fails is believed.
/// </summary>
public static class SignOffVerifier
{
    /// <summary>
    /// The report entry for the sign-off (null when the system neither needs nor declares one); findings go to the
    /// artifact. With <paramref name="portal"/>, the portal is asked first for a record of exactly this evidence; a
    /// record it returns passes the same checks as a committed one (a failing one is SL1010, never a fallback), and
    /// without one the committed record decides, its findings naming what the portal said.
    /// </summary>
    public static SignOffReport? Check(RequirementContext context, CheckedArtifact? artifact, string evidenceSha256, string? commit, PortalGovernance? portal = null)
    {
        if (artifact is null)
        {
            return null;
        }

        var system = context.System;
        var report = new SignOffReport { Required = artifact.Report.Required, Path = artifact.Report.Path };
        if (artifact.Excepted)
        {
            report.Status = RequirementStatus.Excepted;
            return report;
        }

        var where = artifact.Report.Path ?? "a file declared as \"signOff\" evidence";
        var sign = $"Have a reviewer with the approver role sign off this evidence in the portal (evidenceSha256 {evidenceSha256}{(commit is { Length: >= 7 } ? ", commit " + commit.Substring(0, 7) : string.Empty)}), export the record and save it as {where}";
        var online = portal is null ? null : AskPortal(context, artifact, report, portal, evidenceSha256, sign);
        if (online is { Decided: true })
        {
            return report;
        }

        var portalSaid = online?.Said ?? string.Empty;
        if (artifact.Content?.SignOff is not { } record)
        {
            report.Status = artifact.Report.Status == RequirementStatus.Missing ? "missing" : "invalid";
            if (report.Status == "missing" && artifact.Report.Required)
            {
                var missing = artifact.Report.Path is null ? $"it declares no \"evidence\": {{ \"signOff\": \"<path>\" }}" : $"'{artifact.Report.Path}' does not exist";
                artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, context.Policy.Locate(JsonSourceDocument.Child(system.Pointer + "/evidence", TierDefaults.Kinds.SignOff)), $"Tier '{system.RiskTier}' requires a release sign-off of system '{system.Name}', but {missing}. {sign}{(artifact.Report.Path is null ? ", and declare that path as the system's \"signOff\" evidence" : string.Empty)}.{portalSaid}"));
            }

            return report;
        }

        var (problem, at) = Verify(context, record, sign);
        if (problem is not null)
        {
            report.Status = "invalid";
            artifact.Report.Status = StatusAfter(artifact, RequirementStatus.Invalid);
            artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, record.Locate(at), $"The sign-off record '{artifact.Report.Path}' {problem}.{portalSaid}"));
            return report;
        }

        (report.EvidenceSha256, report.Signer, report.SignedAt, report.Comment, report.KeyId, report.Commit) =
            (record.EvidenceSha256, record.Signer, record.SignedAt, record.Comment, record.KeyId, record.Commit);
        if (record.EvidenceSha256 != evidenceSha256)
        {
            report.Status = RequirementStatus.Stale;
            artifact.Report.Status = StatusAfter(artifact, RequirementStatus.Stale);
            artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, record.Locate("evidenceSha256"), $"The sign-off record '{artifact.Report.Path}' (signed by {EvidenceDiagnostic.Excerpt(record.Signer, 100)} on {record.SignedAt:yyyy-MM-dd}) signs other evidence: evidenceSha256 {record.EvidenceSha256}, while the evidence now is {evidenceSha256} — an artifact, a prompt, the model, the policy, the baseline or an exception record changed since. {sign}.{portalSaid}"));
            return report;
        }

        report.Status = "signed";
        if (online is { Unanswered: true })
        {
            artifact.Diagnostics.Add(EvidenceDiagnostic.Warning(RuleIds.SignatureInvalid, record.Locate("signature"), $"The committed sign-off record '{artifact.Report.Path}' was used.{portalSaid}"));
        }

        return report;
    }

    // The checks every record passes before any of its fields is believed, wherever it came from: (null, _) when it holds.
    private static (string? Problem, string At) Verify(RequirementContext context, SignOffRecord record, string sign)
    {
        var key = context.Policy.TrustedKeys.FirstOrDefault(k => k.Id == record.KeyId);
        if (key is null)
        {
            return ($"is signed by key '{Diagnostics.EvidenceDiagnostic.Excerpt(record.KeyId, 60)}', which trustedKeys in {context.Policy.DisplayPath} does not list ({(context.Policy.TrustedKeys.Count == 0 ? "it lists none" : "it lists " + string.Join(", ", context.Policy.TrustedKeys.Select(k => "'" + k.Id + "'")))}). Add the portal's public key under trustedKeys, or export the record again from the portal that holds the listed key", "keyId");
        }

        if (record.Signature is null || !key.Verifies(record.Payload(), record.Signature))
        {
            return ($"does not match its signature: the record was changed after the portal signed it (or was signed with another key than '{key.Id}'). Export the record from the portal again; a record cannot be edited by hand", "signature");
        }

        if (record.System != context.System.Name)
        {
            return ($"signs off system '{EvidenceDiagnostic.Excerpt(record.System, 100)}', not '{context.System.Name}'. {sign}", "system");
        }

        return record.SignedAt > context.Now.AddDays(1)
            ? ($"is dated {record.SignedAtText}, in the future. Export a record whose signing time is real", "signedAt")
            : (null, "signature");
    }

    /// <summary>
    /// What asking the portal settled: <see cref="Decided"/> when its answer decides the sign-off (signed, or a refused
    /// record); otherwise <see cref="Said"/> is a sentence for the committed record's findings, and
    /// <see cref="Unanswered"/> says the portal could not be asked at all.
    /// </summary>
    private sealed record PortalVerdict(bool Decided, string Said, bool Unanswered = false);

    private static PortalVerdict AskPortal(RequirementContext context, CheckedArtifact artifact, SignOffReport report, PortalGovernance portal, string evidenceSha256, string sign)
    {
        var url = portal.Describe("sign-off");
        var answer = portal.Get("sign-off", ("system", context.System.Name), ("evidenceSha256", evidenceSha256));
        if (answer.Status == PortalAnswerStatus.NotFound)
        {
            return new PortalVerdict(false, $" The portal ({url}) has no sign-off of this evidence either.");
        }

        if (answer.Status == PortalAnswerStatus.Failed)
        {
            return new PortalVerdict(false, $" The portal could not be asked whether this evidence is signed off ({url}: {answer.Problem}); check ShiftLeftPortalUrl, the token and the network.", Unanswered: true);
        }

        var where = context.Policy.Locate(JsonSourceDocument.Child(context.System.Pointer + "/evidence", TierDefaults.Kinds.SignOff));
        var found = new List<EvidenceDiagnostic>();
        var fix = $"The portal's answer is not a valid sign-off record (schema: {DocumentationLinks.Schema("shiftleft-signoff.schema.json")}): it was altered on its way, or the URL is not a ShiftLeft portal";
        var text = Files.EvidenceText.Check(answer.Body!, url, RuleIds.ArtifactInvalid, found);
        using var document = text is null ? null : JsonSourceDocument.Load(text.Value, url, RuleIds.ArtifactInvalid, fix, found);
        var record = document is not null && SchemaValidator.SignOff.Validate(document, RuleIds.ArtifactInvalid, fix, found) ? SignOffRecord.Read(document, out _) : null;
        string? problem = record is null ? "is not a valid sign-off record" : null;
        if (record is not null)
        {
            (problem, _) = Verify(context, record, sign);
            problem ??= record.EvidenceSha256 == evidenceSha256 ? null : $"signs other evidence (evidenceSha256 {record.EvidenceSha256}) than asked for ({evidenceSha256})";
        }

        if (problem is not null)
        {
            // Never trusted, never a fallback: an altered answer fails the gate whatever the committed record says.
            report.Status = "invalid";
            artifact.Report.Status = StatusAfter(artifact, RequirementStatus.Invalid);
            artifact.Diagnostics.AddRange(found.Select(d => d with { Location = where, Code = RuleIds.SignatureInvalid }));
            artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, where, $"The sign-off the portal returned ({url}) {problem}; it is refused. The answer was altered on its way, or the portal is not the one whose key trustedKeys lists."));
            return new PortalVerdict(true, string.Empty);
        }

        (report.Status, report.EvidenceSha256, report.Signer, report.SignedAt, report.Comment, report.KeyId, report.Commit) =
            ("signed", record!.EvidenceSha256, record.Signer, record.SignedAt, record.Comment, record.KeyId, record.Commit);
        report.Path ??= url;
        if (artifact.Report.Status is RequirementStatus.Missing or RequirementStatus.Stale)
        {
            artifact.Report.Status = RequirementStatus.Present;
        }

        return new PortalVerdict(true, string.Empty);
    }

    private static string StatusAfter(CheckedArtifact artifact, string status) =>
        artifact.Report.Status == RequirementStatus.Present ? status : artifact.Report.Status;
}

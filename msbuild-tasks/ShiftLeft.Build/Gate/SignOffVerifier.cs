using ShiftLeft.Build.Diagnostics;
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
    /// <summary>The report entry for the sign-off (null when the system neither needs nor declares one); findings go to the artifact.</summary>
    public static SignOffReport? Check(RequirementContext context, CheckedArtifact? artifact, string evidenceSha256, string? commit)
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
        if (artifact.Content?.SignOff is not { } record)
        {
            report.Status = artifact.Report.Status == RequirementStatus.Missing ? "missing" : "invalid";
            if (report.Status == "missing" && artifact.Report.Required)
            {
                var missing = artifact.Report.Path is null ? $"declares no \"evidence\": {{ \"signOff\": \"<path>\" }}" : $"'{artifact.Report.Path}' does not exist";
                artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, context.Policy.Locate(JsonSourceDocument.Child(system.Pointer + "/evidence", TierDefaults.Kinds.SignOff)), $"Tier '{system.RiskTier}' requires a release sign-off of system '{system.Name}', but it {missing}. {sign}{(artifact.Report.Path is null ? ", and declare that path as the system's \"signOff\" evidence" : string.Empty)}."));
            }

            return report;
        }

        string? problem = null;
        string at = "signature";
        var key = context.Policy.TrustedKeys.FirstOrDefault(k => k.Id == record.KeyId);
        if (key is null)
        {
            (problem, at) = ($"is signed by key '{Diagnostics.EvidenceDiagnostic.Excerpt(record.KeyId, 60)}', which trustedKeys in {context.Policy.DisplayPath} does not list ({(context.Policy.TrustedKeys.Count == 0 ? "it lists none" : "it lists " + string.Join(", ", context.Policy.TrustedKeys.Select(k => "'" + k.Id + "'")))}). Add the portal's public key under trustedKeys, or export the record again from the portal that holds the listed key", "keyId");
        }
        else if (record.Signature is null || !key.Verifies(record.Payload(), record.Signature))
        {
            problem = $"does not match its signature: the record was changed after the portal signed it (or was signed with another key than '{key.Id}'). Export the record from the portal again; a record cannot be edited by hand";
        }
        else if (record.System != system.Name)
        {
            (problem, at) = ($"signs off system '{EvidenceDiagnostic.Excerpt(record.System, 100)}', not '{system.Name}'. {sign}", "system");
        }
        else if (record.SignedAt > context.Now.AddDays(1))
        {
            (problem, at) = ($"is dated {record.SignedAtText}, in the future. Export a record whose signing time is real", "signedAt");
        }

        if (problem is not null)
        {
            report.Status = "invalid";
            artifact.Report.Status = StatusAfter(artifact, RequirementStatus.Invalid);
            artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, record.Locate(at), $"The sign-off record '{artifact.Report.Path}' {problem}."));
            return report;
        }

        (report.EvidenceSha256, report.Signer, report.SignedAt, report.Comment, report.KeyId, report.Commit) =
            (record.EvidenceSha256, record.Signer, record.SignedAt, record.Comment, record.KeyId, record.Commit);
        if (record.EvidenceSha256 != evidenceSha256)
        {
            report.Status = RequirementStatus.Stale;
            artifact.Report.Status = StatusAfter(artifact, RequirementStatus.Stale);
            artifact.Diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, record.Locate("evidenceSha256"), $"The sign-off record '{artifact.Report.Path}' (signed by {EvidenceDiagnostic.Excerpt(record.Signer, 100)} on {record.SignedAt:yyyy-MM-dd}) signs other evidence: evidenceSha256 {record.EvidenceSha256}, while the evidence now is {evidenceSha256} — an artifact, a prompt, the model, the policy, the baseline or an exception record changed since. {sign}."));
            return report;
        }

        report.Status = "signed";
        return report;
    }

    private static string StatusAfter(CheckedArtifact artifact, string status) =>
        artifact.Report.Status == RequirementStatus.Present ? status : artifact.Report.Status;
}

using System.Globalization;
using System.Text.Json;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Files;
using ShiftLeft.Build.Governance;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Gate;

/// <summary>An approved-exception record read for a system: the exception, or null when it does not count, and the file's hash.</summary>
public sealed record ExceptionRecordFile(string Path, string Sha256, PolicyException? Exception);

/// <summary>
/// Reads the approved-exception records exported from the portal (riskAcceptance.records,
/// docs/schema/shiftleft-exception.schema.json). Each is an input like evidence (regular file in the repository,
/// size-checked, strict UTF-8, schema-valid: else SL1002) and must carry a valid signature of a trusted key (else
/// SL1010); only then is it an exception, subject to the same four-eyes and expiry rules as one written in
/// shiftleft.json. Records of other systems are skipped.
/// </summary>
public static class ExceptionRecords
{
    /// <summary>A record is a few lines.</summary>
    public const long MaxBytes = 64 * 1024;

    private static readonly string Fix = $"Export the record from the portal again; a record edited by hand no longer matches its signature (schema: {DocumentationLinks.Schema("shiftleft-exception.schema.json")}).";

    /// <summary>The records of <paramref name="system"/> (and those unreadable, which could be anyone's).</summary>
    public static IReadOnlyList<ExceptionRecordFile> Load(PolicyDocument policy, SystemPolicy system, List<string> trackedInputs, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var records = new List<ExceptionRecordFile>();
        var globs = policy.RiskAcceptance.Records;
        // The globs are watched as globs, so that a new record re-runs the gate.
        trackedInputs.AddRange(globs.Select(g => Path.Combine(policy.Directory, g)));
        foreach (var fullPath in Globs.Expand(policy.Directory, globs))
        {
            var relative = Globs.Relative(policy.Directory, fullPath);
            var resolved = RepositoryFiles.Resolve(policy.Directory, relative);
            string? problem = resolved.Detail;
            var bytes = resolved.RealPath is { } real ? FileContent.Read(real, MaxBytes, out problem) : null;
            if (bytes is null)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relative), $"The exception record '{relative}' cannot be used: {problem}. Records must be regular files inside the repository."));
                continue;
            }

            var sha256 = ContentHashes.Of(bytes);
            var exception = Read(policy, system, relative, bytes, diagnostics, out var otherSystem);
            if (!otherSystem)
            {
                records.Add(new ExceptionRecordFile(relative, sha256, exception));
            }
        }

        return records;
    }

    /// <summary>
    /// The signed records of the system's approved, unexpired exceptions the portal lists
    /// (GET /api/v1/governance/exceptions): each verified exactly like a committed record; findings are reported at
    /// <paramref name="where"/> (the system in shiftleft.json) and name the URL. An unreachable portal or an answer
    /// that is not a JSON array is a warning (SL1006) and yields none — exceptions only ever waive, so the gate then
    /// fails closed on the requirement they would have waived.
    /// </summary>
    public static IReadOnlyList<ExceptionRecordFile> Load(PolicyDocument policy, SystemPolicy system, PortalGovernance portal, SourceLocation where, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var url = portal.Describe("exceptions");
        var answer = portal.Get("exceptions", ("system", system.Name));
        string? problem = answer.Status switch
        {
            PortalAnswerStatus.Failed => answer.Problem,
            PortalAnswerStatus.NotFound => $"the portal knows no AI system '{system.Name}' in repository '{portal.Repository}' (404)",
            _ => null,
        };
        var records = new List<ExceptionRecordFile>();
        List<JsonElement>? elements = null;
        if (problem is null)
        {
            try
            {
                using var document = JsonDocument.Parse(answer.Body);
                elements = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList() : null;
                problem = elements is null ? "the answer is not a JSON array" : null;
            }
            catch (JsonException ex)
            {
                problem = $"the answer is not JSON ({EvidenceDiagnostic.Excerpt(ex.Message, 120)})";
            }
        }

        if (problem is not null)
        {
            if (answer.Status != PortalAnswerStatus.NotFound)
            {
                diagnostics.Add(EvidenceDiagnostic.Warning(RuleIds.ExceptionExpired, where, $"The approved exceptions of system '{system.Name}' could not be read from the portal ({url}): {problem}. Only the exceptions in {policy.DisplayPath} and the committed records apply. Check ShiftLeftPortalUrl, the token and the network, or set ShiftLeftGovernanceOnline=false to build offline."));
            }

            return records;
        }

        foreach (var element in elements!)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(element.GetRawText());
            var sha256 = ContentHashes.Of(bytes);
            var found = new List<EvidenceDiagnostic>();
            var exception = Read(policy, system, $"{url} (record {sha256.Substring(0, 12)})", bytes, found, out var otherSystem);
            foreach (var diagnostic in found)
            {
                diagnostics.Add(diagnostic with { Location = where });
            }

            if (otherSystem)
            {
                diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, where, $"The portal ({url}) answered with an exception record of another system than '{system.Name}'; none of its records is used. The answer was altered on its way, or the portal is not the one trusted."));
                return [];
            }

            records.Add(new ExceptionRecordFile("portal " + sha256, sha256, exception));
        }

        return records;
    }

    private static PolicyException? Read(PolicyDocument policy, SystemPolicy system, string relative, byte[] bytes, ICollection<EvidenceDiagnostic> diagnostics, out bool otherSystem)
    {
        otherSystem = false;
        var text = EvidenceText.Check(bytes, relative, RuleIds.ArtifactInvalid, diagnostics);
        using var document = text is null ? null : JsonSourceDocument.Load(text.Value, relative, RuleIds.ArtifactInvalid, Fix, diagnostics);
        if (document is null || !SchemaValidator.ExceptionRecord.Validate(document, RuleIds.ArtifactInvalid, Fix, diagnostics))
        {
            return null;
        }

        var root = document.Root;
        string Text(string name) => root.GetProperty(name).GetString()!;
        if (Text("system") != system.Name)
        {
            otherSystem = true;
            return null;
        }

        var risks = root.GetProperty("risks").EnumerateArray().Select(r => r.GetString()!).ToList();
        var payload = SignedRecordPayload.Of(SignedRecordPayload.ExceptionFormat, SignedRecordPayload.ExceptionFields(
            Text("system"), Text("requirement"), Text("reason"), Text("requestedBy"), Text("approvedBy"), Text("approvedAt"), Text("expires"), risks, Text("keyId")));
        var key = policy.TrustedKeys.FirstOrDefault(k => k.Id == Text("keyId"));
        var signature = new byte[Text("signature").Length];
        if (key is null)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, document.Locate("/keyId"), $"The exception record '{relative}' is signed by key '{EvidenceDiagnostic.Excerpt(Text("keyId"), 60)}', which trustedKeys in {policy.DisplayPath} does not list, so it does not apply. Add the portal's public key under trustedKeys, or export the record again from the portal that holds a listed key."));
            return null;
        }

        if (!Convert.TryFromBase64String(Text("signature"), signature, out var length) || !key.Verifies(payload, signature.AsSpan(0, length).ToArray()))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.SignatureInvalid, document.Locate("/signature"), $"The exception record '{relative}' does not match its signature: it was changed after the portal signed it, so it does not apply. Export the record from the portal again; a record cannot be edited by hand."));
            return null;
        }

        if (!DateOnly.TryParseExact(Text("expires"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires)
            || !Evidence.EvidenceDates.TryParse(Text("approvedAt"), out var approvedAt))
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, document.Locate("/expires"), $"The exception record '{relative}' has an approvedAt or expires that is not a real date. {Fix}"));
            return null;
        }

        var requirement = Text("requirement");
        if (policy.Tiers.TryGetValue(system.RiskTier, out var tier) && !tier.Requires.Contains(requirement, StringComparer.Ordinal))
        {
            diagnostics.Add(EvidenceDiagnostic.Warning(RuleIds.ExceptionExpired, document.Locate("/requirement"), $"The exception record '{relative}' waives '{EvidenceDiagnostic.Excerpt(requirement, 100)}', which tier '{tier.Name}' of system '{system.Name}' does not require; it has no effect. Remove the record, or correct the requirement in the portal."));
            return null;
        }

        return new PolicyException(system.Name, requirement, Text("reason"), Text("approvedBy"), expires, string.Empty)
        {
            RequestedBy = Text("requestedBy"),
            ApprovedAt = DateOnly.FromDateTime(approvedAt.UtcDateTime),
            Risks = risks,
            Record = relative,
            KeyId = key.Id,
            Locator = document.Locator,
        };
    }
}

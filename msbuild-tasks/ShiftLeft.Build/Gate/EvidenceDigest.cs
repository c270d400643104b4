using ShiftLeft.Build.Governance;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// The evidence report's <c>evidenceSha256</c>: SHA-256 of what the evidence is, never of when or where it was
/// checked (the report's generatedAt, tool version, ages and diagnostics change from build to build; a sign-off must
/// not). The digested bytes use the signed-record encoding (<see cref="SignedRecordPayload"/>) with the format
/// <c>shiftleft-evidence</c> and, in order: system, tier, model (id or empty), prompts (prompt-set hash or empty),
/// policy (SHA-256 of shiftleft.json's bytes); one <c>artifact</c> field per requirement except the sign-off itself,
/// sorted by kind, valued <c>&lt;kind&gt; &lt;path&gt; &lt;sha256&gt;</c> (empty path or hash when missing); baseline
/// (SHA-256 of the system's accepted entry, or empty); one <c>exceptionRecord</c> field per approved-exception record
/// read, sorted by path, valued <c>&lt;path&gt; &lt;sha256&gt;</c>. The commit is deliberately not part of it: a
/// sign-off binds to the evidence, like the model and prompt certification does, so committing the exported record
/// does not invalidate it — but any change to an artifact, a prompt, the model, the policy, the baseline or an
/// exception record does.
/// </summary>
public static class EvidenceDigest
{
    /// <summary>The format name in the digested bytes' first line.</summary>
    public const string Format = "shiftleft-evidence";

    /// <summary>Hex SHA-256 of the evidence.</summary>
    public static string Of(
        string system, string tier, string? modelId, string? promptHash, string policySha256,
        IEnumerable<(string Kind, string? Path, string? Sha256)> artifacts, string? baselineEntrySha256, IEnumerable<(string Path, string Sha256)> exceptionRecords)
    {
        var fields = new List<(string, string)>
        {
            ("system", system), ("tier", tier), ("model", modelId ?? string.Empty), ("prompts", promptHash ?? string.Empty), ("policy", policySha256),
        };
        fields.AddRange(artifacts.OrderBy(a => a.Kind, StringComparer.Ordinal).Select(a => ("artifact", $"{a.Kind} {a.Path} {a.Sha256}")));
        fields.Add(("baseline", baselineEntrySha256 ?? string.Empty));
        fields.AddRange(exceptionRecords.OrderBy(r => r.Path, StringComparer.Ordinal).Select(r => ("exceptionRecord", $"{r.Path} {r.Sha256}")));
        return ContentHashes.Of(SignedRecordPayload.Of(Format, fields));
    }
}

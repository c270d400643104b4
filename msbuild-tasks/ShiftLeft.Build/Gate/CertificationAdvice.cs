using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Evidence;

namespace ShiftLeft.Build.Gate;

/// <summary>
/// What to do when an artifact certifies another model id or prompt set than the system's current ones. A stamp only
/// helps where it can replace what the artifact says: the front matter of a Markdown artifact (stamping rewrites
/// model_id and prompt_hash) or an earlier stamp. What a JSON artifact records itself — a promptfoo provider, a
/// model.providers mapping, ShiftLeft's modelId and promptHash — outranks any stamp, so the advice there is to re-run
/// the evidence or correct the mapping, never to stamp (which would only loop).
/// </summary>
public static class CertificationAdvice
{
    /// <summary>Whether stamping <paramref name="relativePath"/> replaces what <paramref name="certification"/> says.</summary>
    public static bool StampReplaces(string relativePath, Certification certification) =>
        certification.IsStamp || MarkdownArtifactReader.Handles(relativePath);

    /// <summary>
    /// The SL1004 message for an artifact certifying another model than <paramref name="modelId"/>;
    /// <paramref name="staleStamp"/>: its stamp names another model too, so it must be stamped again once fixed.
    /// </summary>
    public static string ModelMismatch(string kind, string relativePath, Certification certified, string systemName, string modelId, string policyPath, string stampCommand, bool staleStamp = false)
    {
        var what = $"The {kind} '{relativePath}' certifies model '{EvidenceDiagnostic.Excerpt(certified.Value, 100)}' ({certified.Source}), but system '{systemName}' now uses '{modelId}'.";
        var restamp = staleStamp ? $" Its stamp names another model too: once that is done, stamp it again: {stampCommand}" : string.Empty;
        if (certified.MappedProvider is { } provider)
        {
            return $"{what} If provider '{EvidenceDiagnostic.Excerpt(provider, 100)}' now calls '{modelId}', change its entry under model.providers in {policyPath} to '{modelId}'; otherwise re-run the evaluation against '{modelId}'. A stamp cannot override the mapping: the file records which provider produced it.{restamp}";
        }

        return StampReplaces(relativePath, certified)
            ? $"{what} Re-run or review the evidence against '{modelId}', then stamp it: {stampCommand}"
            : $"{what} Re-run the evidence against '{modelId}': the file itself records the model it was produced with, which a stamp cannot override.{restamp}";
    }

    /// <summary>The SL1004 message for an artifact certifying another prompt set than <paramref name="promptHash"/> (<paramref name="staleStamp"/> as above).</summary>
    public static string PromptMismatch(string kind, string relativePath, Certification certified, string promptHash, string stampCommand, bool staleStamp = false)
    {
        var what = $"The {kind} '{relativePath}' certifies prompt set {EvidenceDiagnostic.Excerpt(certified.Value, 80)} ({certified.Source}), but the prompt files now hash to {promptHash}: it was produced against other prompts.";
        var restamp = staleStamp ? $" Its stamp names other prompts too: once that is done, stamp it again: {stampCommand}" : string.Empty;
        return StampReplaces(relativePath, certified)
            ? $"{what} Re-run it with the current prompts, then stamp it: {stampCommand}"
            : $"{what} Re-run it with the current prompts and record the new hash in its {certified.Source}: the file's own record outranks a stamp.{restamp}";
    }

    /// <summary>
    /// The certifications to report of those that differ from the current value: what the artifact's own content says
    /// when anything there differs (its stamp, differing too, is then part of the same advice), else the stamp's.
    /// </summary>
    public static (IReadOnlyList<Certification> Reported, bool StaleStamp) ToReport(IEnumerable<Certification> differing)
    {
        var all = differing.ToList();
        var own = all.Where(c => !c.IsStamp).ToList();
        return own.Count > 0 ? (own, all.Any(c => c.IsStamp)) : (all, false);
    }
}

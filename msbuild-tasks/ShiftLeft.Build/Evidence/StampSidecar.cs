using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Files;
using ShiftLeft.Build.Json;

namespace ShiftLeft.Build.Evidence;

/// <summary>
/// <c>&lt;artifact&gt;.shiftleft-stamp.json</c> (docs/schema/shiftleft-stamp.schema.json): the model id and prompt-set
/// hash a person certified for one exact version (SHA-256) of an artifact whose own format cannot record them.
/// </summary>
public static class StampSidecar
{
    /// <summary>Appended to the artifact's file name.</summary>
    public const string Suffix = ".shiftleft-stamp.json";

    /// <summary>The <see cref="Certification.Source"/> of what a stamp certifies.</summary>
    public const string Source = "stamp";

    /// <summary>A stamp is a few lines.</summary>
    public const long MaxBytes = 64 * 1024;

    /// <summary>The sidecar of an artifact, relative like the artifact.</summary>
    public static string PathOf(string artifactRelativePath) => artifactRelativePath + Suffix;

    /// <summary>
    /// Adds the stamp's certifications to <paramref name="content"/> when a sidecar exists; a sidecar that is unusable
    /// is SL1002, one stamped for other bytes of the artifact is SL1004.
    /// </summary>
    public static void Read(string root, string artifactRelativePath, string artifactSha256, string restamp, ArtifactContent content, ICollection<EvidenceDiagnostic> diagnostics, ICollection<string> trackedInputs)
    {
        var relative = PathOf(artifactRelativePath);
        var resolved = RepositoryFiles.Resolve(root, relative);
        if (resolved.Problem == PathProblem.Missing)
        {
            // Not watched while missing (a missing input would re-run every build): a gate without the stamp it
            // needs fails, and a failing gate always runs again.
            return;
        }

        trackedInputs.Add(Path.GetFullPath(Path.Combine(root, relative)));
        const string Fix = "Delete it and stamp the artifact again";
        string? problem = resolved.Detail;
        var bytes = resolved.RealPath is { } real ? FileContent.Read(real, MaxBytes, out problem) : null;
        if (bytes is null)
        {
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.ArtifactInvalid, SourceLocation.InFile(relative), $"The stamp '{relative}' cannot be read: {problem}. {Fix}: {restamp}"));
            return;
        }

        var text = EvidenceText.Check(bytes, relative, RuleIds.ArtifactInvalid, diagnostics);
        using var document = text is null ? null : JsonSourceDocument.Load(text.Value, relative, RuleIds.ArtifactInvalid, $"{Fix}: {restamp}", diagnostics);
        if (document is null || !SchemaValidator.Stamp.Validate(document, RuleIds.ArtifactInvalid, $"{Fix}: {restamp}", diagnostics))
        {
            return;
        }

        var root_ = document.Root;
        var sha = JsonArtifactReader.String(root_, "sha256")!;
        if (!string.Equals(sha, artifactSha256, StringComparison.Ordinal))
        {
            content.StampOutdated = true;
            diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.EvidenceStale, document.Locate("/sha256"), $"The stamp '{relative}' certifies other content of '{artifactRelativePath}' (sha256 {sha.Substring(0, 12)}…, the file is now {artifactSha256.Substring(0, 12)}…): the artifact changed after it was stamped. Check that the new version was produced against the current model and prompts, then stamp it again: {restamp}"));
            return;
        }

        if (JsonArtifactReader.String(root_, "modelId") is { } modelId)
        {
            content.ModelIds.Add(new Certification(modelId, Place.In(document.Locator, "/modelId"), Source));
        }

        if (JsonArtifactReader.String(root_, "promptHash") is { } promptHash)
        {
            content.PromptHashes.Add(new Certification(promptHash, Place.In(document.Locator, "/promptHash"), Source));
        }

        content.StampedBy = JsonArtifactReader.String(root_, "stampedBy");
        content.StampedAt = EvidenceDates.TryParse(JsonArtifactReader.String(root_, "stampedAt") ?? string.Empty, out var at) ? at : null;
    }
}

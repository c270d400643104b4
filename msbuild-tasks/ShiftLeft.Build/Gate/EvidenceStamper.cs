using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Evidence;
using ShiftLeft.Build.Files;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Gate;

/// <summary>What ShiftLeftStampEvidence should certify.</summary>
public sealed record StampRequest(string ProjectPath, string PolicyPath, string Artifact, DateTimeOffset Now, string? StampedBy = null);

/// <summary>
/// Certifies that a person checked an artifact was produced against the system's current model and prompt set: the
/// model id and prompt-set hash are written into a Markdown artifact's front matter (model_id, prompt_hash,
/// stamped_by, stamped_at), or into a stamp beside a JSON artifact (&lt;file&gt;.shiftleft-stamp.json) together with the
/// artifact's SHA-256, because a tool's own output (aieval, promptfoo) is never edited.
/// </summary>
public static class EvidenceStamper
{
    /// <summary>Writes the stamp; returns the line for the build log, or adds SL100x errors and returns null.</summary>
    public static string? Stamp(StampRequest request, List<EvidenceDiagnostic> diagnostics)
    {
        var policy = PolicyLoader.Load(request.PolicyPath, Path.GetFileName(request.PolicyPath), diagnostics);
        if (policy is null)
        {
            return null;
        }

        var projectRelative = Globs.Relative(policy.Directory, request.ProjectPath);
        var system = policy.Systems.FirstOrDefault(s => s.Projects.Any(p => Globs.Matches(p, projectRelative)));
        if (system is null)
        {
            return Fail(diagnostics, RuleIds.PolicyInvalid, SourceLocation.InFile(policy.DisplayPath), $"Project '{projectRelative}' belongs to no system of {policy.DisplayPath}, so there is nothing to certify its evidence against. Stamp through a project of the system the artifact belongs to.");
        }

        var relative = Path.IsPathRooted(request.Artifact) ? Globs.Relative(policy.Directory, Path.GetFullPath(request.Artifact)) : request.Artifact.Replace('\\', '/');
        var declared = system.Evidence.FirstOrDefault(e => e.Value.Path == relative && TierDefaults.Kinds.Certifies(e.Key));
        var problem = EvidencePaths.Problem(relative);
        if (problem is not null || declared.Key is null)
        {
            var kinds = system.Evidence.Where(e => TierDefaults.Kinds.Certifies(e.Key)).Select(e => e.Value.Path).ToList();
            return Fail(diagnostics, RuleIds.PolicyInvalid, SourceLocation.InFile(policy.DisplayPath), $"ShiftLeftStampArtifact '{EvidenceDiagnostic.Excerpt(request.Artifact, 120)}' is not a model card, evaluation or red-team result of system '{system.Name}'{(problem is null ? string.Empty : " (" + problem + ")")}. Name one of: {(kinds.Count > 0 ? string.Join(", ", kinds) : "(none declared)")} — paths relative to the folder of {policy.DisplayPath}.");
        }

        var resolved = RepositoryFiles.Resolve(policy.Directory, relative);
        string? readProblem = resolved.Detail;
        var bytes = resolved.RealPath is { } real ? FileContent.Read(real, JsonArtifactReader.MaxBytes, out readProblem) : null;
        if (bytes is null)
        {
            return Fail(diagnostics, RuleIds.ArtifactInvalid, SourceLocation.InFile(relative), $"'{relative}' cannot be stamped: {readProblem}. Produce the artifact first; evidence must be a regular file inside the repository.");
        }

        if (TemplatePlaceholder.Find(bytes) >= 0)
        {
            return Fail(diagnostics, RuleIds.ArtifactInvalid, SourceLocation.InFile(relative), $"'{relative}' still contains the template placeholder {TemplatePlaceholder.Marker}: a template certifies nothing. Replace every {TemplatePlaceholder.Marker} with real evidence, then stamp it.");
        }

        var promptDiagnostics = new List<EvidenceDiagnostic>();
        var prompts = PromptSet.Load(policy, system, promptDiagnostics);
        if (promptDiagnostics.Count > 0)
        {
            diagnostics.AddRange(promptDiagnostics);
            return null;
        }

        var who = request.StampedBy ?? GitIdentity.Of(policy.Directory);
        var when = request.Now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var full = Path.Combine(policy.Directory, relative);
        string written;
        if (Path.GetExtension(relative).Equals(".md", StringComparison.OrdinalIgnoreCase) || Path.GetExtension(relative).Equals(".markdown", StringComparison.OrdinalIgnoreCase))
        {
            File.WriteAllText(full, WithFrontMatter(Encoding.UTF8.GetString(bytes), system.ModelId, prompts.Hash, who, when), new UTF8Encoding(false));
            written = relative;
        }
        else
        {
            written = StampSidecar.PathOf(relative);
            File.WriteAllText(Path.Combine(policy.Directory, written), Sidecar(Path.GetFileName(relative), ContentHashes.Of(bytes), system.ModelId, prompts.Hash, who, when), new UTF8Encoding(false));
        }

        return $"Stamped {relative} ({declared.Key} of system '{system.Name}'): model {system.ModelId ?? "(none declared)"}, prompt set {prompts.Hash ?? "(no prompt files)"}, by {who} at {when}; written to {written}. Commit it with the artifact.";
    }

    /// <summary>The Markdown text with model_id, prompt_hash, stamped_by and stamped_at set in its front matter.</summary>
    internal static string WithFrontMatter(string text, string? modelId, string? promptHash, string who, string when)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var values = new List<(string Key, string Value)>();
        if (modelId is not null)
        {
            values.Add(("model_id", Quote(modelId)));
        }

        if (promptHash is not null)
        {
            values.Add(("prompt_hash", promptHash));
        }

        values.Add(("stamped_by", Quote(who)));
        values.Add(("stamped_at", when));
        var split = FrontMatter.Split(text);
        if (split.Yaml is null)
        {
            return "---" + newline + string.Concat(values.Select(v => $"{v.Key}: {v.Value}{newline}")) + "---" + newline + text;
        }

        var lines = split.Yaml.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        foreach (var (key, value) in values)
        {
            var index = lines.FindIndex(l => Regex.IsMatch(l, "^" + Regex.Escape(key) + @"\s*:", RegexOptions.None, TimeSpan.FromSeconds(1)));
            if (index >= 0)
            {
                lines[index] = $"{key}: {value}";
            }
            else
            {
                lines.Add($"{key}: {value}");
            }
        }

        return "---" + newline + string.Join(newline, lines) + newline + "---" + newline + split.Body;
    }

    private static string Sidecar(string artifact, string sha256, string? modelId, string? promptHash, string who, string when)
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", DocumentationLinks.Schema("shiftleft-stamp.schema.json"));
            w.WriteString("artifact", artifact);
            w.WriteString("sha256", sha256);
            w.WriteString("modelId", modelId);
            w.WriteString("promptHash", promptHash);
            w.WriteString("stampedBy", who);
            w.WriteString("stampedAt", when);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    // YAML double-quoted scalar: a name such as "Jane Doe <jane@example.com>" or one with ': ' stays one value.
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string? Fail(List<EvidenceDiagnostic> diagnostics, string code, SourceLocation location, string message)
    {
        diagnostics.Add(EvidenceDiagnostic.Error(code, location, message));
        return null;
    }
}

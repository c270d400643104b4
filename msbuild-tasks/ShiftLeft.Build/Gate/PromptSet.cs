using ShiftLeft.Build.Diagnostics;
using ShiftLeft.Build.Files;
using ShiftLeft.Build.Json;
using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Gate;

/// <summary>The prompt files of a system (model.promptFiles) and the hash evidence must certify.</summary>
public sealed record PromptSet(IReadOnlyList<string> RelativePaths, string? Hash)
{
    /// <summary>A prompt file above this size is not a prompt.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Expands the globs and hashes the files; a file that is not a regular file inside the repository is SL1005 at its glob.</summary>
    public static PromptSet Load(PolicyDocument policy, SystemPolicy system, ICollection<EvidenceDiagnostic> diagnostics)
    {
        var files = new List<(string RelativePath, byte[] Content)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < system.PromptFiles.Count; i++)
        {
            var glob = system.PromptFiles[i];
            foreach (var fullPath in Globs.Expand(policy.Directory, [glob]))
            {
                var relative = Globs.Relative(policy.Directory, fullPath);
                if (!seen.Add(relative))
                {
                    continue;
                }

                var location = policy.Locate(JsonSourceDocument.Child(system.Pointer + "/model/promptFiles", i));
                var resolved = RepositoryFiles.Resolve(policy.Directory, relative);
                byte[]? content = null;
                string? problem = resolved.Problem == PathProblem.None ? null : resolved.Detail;
                if (resolved.RealPath is { } real)
                {
                    content = FileContent.Read(real, MaxFileBytes, out problem);
                }

                if (content is null)
                {
                    diagnostics.Add(EvidenceDiagnostic.Error(RuleIds.PolicyInvalid, location, $"Glob '{EvidenceDiagnostic.Excerpt(glob, 120)}' in model.promptFiles of system '{system.Name}' matches '{EvidenceDiagnostic.Excerpt(relative, 200)}', which cannot be hashed: {problem}. Narrow the glob to the prompt files, or make the file a regular file inside the repository."));
                    continue;
                }

                files.Add((relative, content));
            }
        }

        return new PromptSet(files.Select(f => f.RelativePath).OrderBy(p => p, StringComparer.Ordinal).ToList(), ContentHashes.OfPromptSet(files));
    }
}

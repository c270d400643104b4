using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Gate;

/// <summary>What ShiftLeftInit should create.</summary>
public sealed record ScaffoldRequest(string ProjectPath, string? ExistingPolicyPath, string Root, string? SystemName, string Owner, string RiskTier, string? ModelId, DateTimeOffset Now)
{
    /// <summary>Where ShiftLeftInit was run ($(MSBuildStartupDirectory)): the commands it prints work from there.</summary>
    public string? StartupDirectory { get; init; }
}

/// <summary>
/// Writes a starter shiftleft.json and template evidence for a project. Templates carry the TODO(shiftleft) marker,
/// so the gate keeps failing (SL1002) until a person replaces them with real evidence. Never overwrites a file.
/// </summary>
public static class Scaffolder
{
    /// <summary>Creates what is missing and returns one line per action, for the build log.</summary>
    public static IReadOnlyList<string> Run(ScaffoldRequest request)
    {
        var log = new List<string>();
        if (!TierDefaults.All.TryGetValue(request.RiskTier, out var tier))
        {
            throw new ArgumentException($"ShiftLeftInitRiskTier '{request.RiskTier}' is not minimal, limited or high.");
        }

        var root = request.ExistingPolicyPath is { Length: > 0 } existing ? Path.GetDirectoryName(Path.GetFullPath(existing))! : Path.GetFullPath(request.Root);
        var projectRelative = Globs.Relative(root, request.ProjectPath);
        // Templates are files of the repository: their commands name the project from the folder of shiftleft.json.
        // What the log prints names it from where the person ran the target.
        var inRepository = ProjectCommand.For(request.ProjectPath, root, null);
        var printed = ProjectCommand.For(request.ProjectPath, root, request.StartupDirectory);
        var system = request.SystemName is { Length: > 0 } name ? name : Kebab(Path.GetFileNameWithoutExtension(request.ProjectPath));
        var modelId = request.ModelId is { Length: > 0 } id ? id : Json.TemplatePlaceholder.ModelId;
        var evidence = tier.Requires.ToDictionary(k => k, k => DefaultPath(system, k), StringComparer.Ordinal);

        var projectDirectory = Path.GetDirectoryName(request.ProjectPath)!;
        var promptGlob = Directory.Exists(Path.Combine(projectDirectory, "Prompts")) && Directory.EnumerateFiles(Path.Combine(projectDirectory, "Prompts"), "*", SearchOption.AllDirectories).Any()
            ? Globs.Relative(root, Path.Combine(projectDirectory, "Prompts")) + "/**/*"
            : null;

        var policyPath = Path.Combine(root, "shiftleft.json");
        if (request.ExistingPolicyPath is { Length: > 0 })
        {
            log.Add($"{request.ExistingPolicyPath} exists and was left unchanged. If '{projectRelative}' is not declared yet, add this system to \"systems\":");
            log.Add(SystemSnippet(system, request.Owner, request.RiskTier, projectRelative, modelId, promptGlob, evidence));
        }
        else
        {
            var text = Template("shiftleft.json")
                .Replace("{{SYSTEM}}", system).Replace("{{OWNER}}", request.Owner).Replace("{{TIER}}", request.RiskTier)
                .Replace("{{PROJECT}}", projectRelative).Replace("{{MODEL_ID}}", modelId)
                .Replace("{{PROMPT_FILES}}", promptGlob is null ? string.Empty : $", \"promptFiles\": [ \"{promptGlob}\" ]")
                .Replace("{{EVIDENCE}}", string.Join(",\n", evidence.Select(e => $"        \"{e.Key}\": \"{e.Value}\"")));
            File.WriteAllText(policyPath, text, new UTF8Encoding(false));
            log.Add($"Created {policyPath} declaring system '{system}' (tier '{request.RiskTier}').");
        }

        if (modelId == Json.TemplatePlaceholder.ModelId)
        {
            log.Add($"No ShiftLeftInitModelId was given, so model.id is the placeholder '{modelId}', which the gate refuses (SL1005): write the exact id of the model the system calls into shiftleft.json and the templates.");
        }

        foreach (var artifact in evidence)
        {
            var target = Path.Combine(root, artifact.Value);
            if (File.Exists(target))
            {
                log.Add($"Kept existing {artifact.Value}.");
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var content = Template(artifact.Key + Path.GetExtension(artifact.Value))
                .Replace("{{SYSTEM}}", system).Replace("{{OWNER}}", request.Owner).Replace("{{MODEL_ID}}", modelId)
                .Replace("{{DATE}}", request.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Replace("{{STAMP}}", inRepository.Stamp(artifact.Value));
            File.WriteAllText(target, content, new UTF8Encoding(false));
            // A template must not vouch for prompts nobody reviewed: what it certifies is stamped by a person, later.
            log.Add(TierDefaults.Kinds.Certifies(artifact.Key)
                ? $"Created template {artifact.Value}: replace every {Json.TemplatePlaceholder.Marker} with real evidence, then certify it for the current model and prompts with {printed.Stamp(artifact.Value)}."
                : $"Created template {artifact.Value}: replace every {Json.TemplatePlaceholder.Marker} with real evidence.");
        }

        return log;
    }

    /// <summary>Where the starter layout puts each kind.</summary>
    public static string DefaultPath(string system, string kind) => kind switch
    {
        TierDefaults.Kinds.ModelCard => $"docs/ai/{system}/model-card.md",
        TierDefaults.Kinds.DataSheet => $"docs/ai/{system}/data-sheet.md",
        TierDefaults.Kinds.OversightPlan => $"docs/ai/{system}/oversight-plan.md",
        TierDefaults.Kinds.RiskRegister => "docs/ai/risk-register.json",
        TierDefaults.Kinds.Evaluation => $"eval/{system}/results.json",
        TierDefaults.Kinds.RedTeam => $"eval/{system}/redteam.json",
        _ => $"docs/ai/{system}/{kind}.md",
    };

    private static string SystemSnippet(string system, string owner, string tier, string project, string modelId, string? promptGlob, IReadOnlyDictionary<string, string> evidence) =>
        $"{{ \"name\": \"{system}\", \"owner\": \"{owner}\", \"riskTier\": \"{tier}\", \"projects\": [\"{project}\"], " +
        $"\"model\": {{ \"id\": \"{modelId}\"{(promptGlob is null ? string.Empty : $", \"promptFiles\": [\"{promptGlob}\"]")} }}, " +
        $"\"evidence\": {{ {string.Join(", ", evidence.Select(e => $"\"{e.Key}\": \"{e.Value}\""))} }} }}";

    private static string Kebab(string name) =>
        Regex.Replace(Regex.Replace(name, "([a-z0-9])([A-Z])", "$1-$2"), "[^A-Za-z0-9]+", "-", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim('-').ToLowerInvariant();

    private static string Template(string name)
    {
        using var stream = typeof(Scaffolder).Assembly.GetManifestResourceStream("ShiftLeft.Build.Templates." + name)
            ?? throw new InvalidOperationException($"Template {name} is missing from the ShiftLeft.Build assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}

using ShiftLeft.Build.Policy;

namespace ShiftLeft.Build.Evidence;

/// <summary>A section a Markdown artifact must have, with the heading spellings accepted for it.</summary>
public sealed record RequiredSection(string Title, IReadOnlyList<string> Aliases)
{
    /// <summary>Whether a heading names this section (case-insensitive, ignoring a trailing colon).</summary>
    public bool Matches(string heading)
    {
        var normalized = heading.Trim().TrimEnd(':').Trim();
        return Aliases.Any(a => string.Equals(a, normalized, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The layout rules of each Markdown artifact kind, as data (documented in docs/evidence-gate.md).</summary>
public sealed record MarkdownRequirements(bool RequiresFrontMatter, IReadOnlyList<string> FrontMatterKeys, IReadOnlyList<RequiredSection> Sections)
{
    private static readonly MarkdownRequirements Generic = new(false, [], []);

    private static readonly Dictionary<string, MarkdownRequirements> ByKind = new(StringComparer.Ordinal)
    {
        // Sections follow the Hugging Face model-card template and Google's Model Card Toolkit, so existing cards pass.
        [TierDefaults.Kinds.ModelCard] = new(true, ["model_id", "base_model", "model-index"],
        [
            new("Model details", ["Model details", "Model description", "Model"]),
            new("Intended use", ["Intended use", "Intended uses", "Uses", "Intended uses & limitations", "Intended use cases"]),
            new("Limitations", ["Limitations", "Bias, risks, and limitations", "Risks and limitations", "Limitations and bias", "Known limitations", "Intended uses & limitations", "Considerations"]),
            new("Evaluation", ["Evaluation", "Evaluation results", "Quantitative analysis", "Performance", "Results"]),
        ]),
        // Gebru et al., "Datasheets for Datasets".
        [TierDefaults.Kinds.DataSheet] = new(false, [],
        [
            new("Motivation", ["Motivation"]),
            new("Composition", ["Composition"]),
            new("Collection process", ["Collection process", "Collection", "Data collection"]),
        ]),
        // EU AI Act Art. 14: who oversees, how, and how they intervene or stop the system.
        [TierDefaults.Kinds.OversightPlan] = new(false, [],
        [
            new("Roles", ["Roles", "Roles and responsibilities", "Responsibilities"]),
            new("Oversight measures", ["Oversight measures", "Human oversight", "Oversight"]),
            new("Intervention", ["Intervention", "Escalation", "Override", "Stop procedure"]),
        ]),
    };

    /// <summary>The rules of a kind; any other Markdown kind must simply have content.</summary>
    public static MarkdownRequirements For(string kind) => ByKind.TryGetValue(kind, out var rules) ? rules : Generic;
}

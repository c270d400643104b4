using ShiftLeft.Build.Diagnostics;

namespace ShiftLeft.Build.Evidence;

/// <summary>One value of one metric as an evaluation file recorded it; a null value with an error is a failed measurement.</summary>
public sealed record MetricObservation(string Name, double? Value, string? Error, SourceLocation Location, string Scope);

/// <summary>What a reader learned from an artifact that parsed and matched its format.</summary>
public sealed class ArtifactContent
{
    /// <summary>The date the content says it was produced or reviewed; null when it says nothing (the file time is used then).</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>Where the date was written, for SL1004 messages.</summary>
    public SourceLocation DateLocation { get; set; }

    /// <summary>The model id the evidence certifies, when it names one.</summary>
    public string? CertifiedModelId { get; set; }

    /// <summary>Where the model id was written.</summary>
    public SourceLocation ModelIdLocation { get; set; }

    /// <summary>The prompt-set hash the evidence certifies, when it names one.</summary>
    public string? CertifiedPromptHash { get; set; }

    /// <summary>Where the prompt hash was written.</summary>
    public SourceLocation PromptHashLocation { get; set; }

    /// <summary>The evaluation format recognised (shiftleft, aieval, promptfoo, huggingface-model-index), if any.</summary>
    public string? Format { get; set; }

    /// <summary>Metric values the artifact carries.</summary>
    public List<MetricObservation> Metrics { get; } = [];

    /// <summary>Names of the systems a risk register has entries for.</summary>
    public HashSet<string> RegisteredSystems { get; } = new(StringComparer.Ordinal);
}

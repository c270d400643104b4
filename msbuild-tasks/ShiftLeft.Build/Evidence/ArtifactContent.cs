namespace ShiftLeft.Build.Evidence;

/// <summary>
/// One value of one metric as an evaluation file recorded it. A null value with an error is a failed measurement;
/// <paramref name="Imputed"/> marks a value the format defines for a measurement that did not happen (promptfoo
/// scores an errored test case 0), which may never help a threshold pass.
/// </summary>
public sealed record MetricObservation(string Name, double? Value, string? Error, Place Where, string Scope, bool Imputed = false)
{
    /// <summary>
    /// Set when the value stands for several samples the file summarised (ShiftLeft's format: <c>samples</c> with
    /// <c>successes</c> or <c>standardDeviation</c>); null for one measured value.
    /// </summary>
    public Statistics.SampleSummary? Aggregate { get; init; }

    /// <summary>The cohort attributes the policy groups by (promptfoo variable or metadata, aieval tag) → this result's value.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>A metric measured on one cohort, as ShiftLeft's format lists it under <c>cohorts[]</c>.</summary>
public sealed record CohortObservation(string Attribute, string Value, MetricObservation Observation);

/// <summary>One entry of a risk register.</summary>
public sealed record RegisteredRisk(string Id, string System, string Title, string? Category, string Likelihood, string Impact, string Mitigation, string Owner, string Status);

/// <summary>A model id or prompt-set hash an artifact says it was produced against, and where it says so.</summary>
public sealed record Certification(string Value, Place Where, string Source);

/// <summary>Which execution of a multi-execution aieval report was read.</summary>
public sealed record ExecutionSelection(string Name, string SelectedBy, IReadOnlyList<string> Ignored);

/// <summary>What a reader learned from an artifact that parsed and matched its format.</summary>
public sealed class ArtifactContent
{
    /// <summary>The date the content says it was produced or reviewed; null when it says nothing.</summary>
    public DateTimeOffset? Date { get; set; }

    /// <summary>Where the date was written, for SL1004 messages.</summary>
    public Place DateWhere { get; set; }

    /// <summary>Model ids the evidence certifies (front matter, ShiftLeft format, promptfoo providers, stamp sidecar).</summary>
    public List<Certification> ModelIds { get; } = [];

    /// <summary>Prompt-set hashes the evidence certifies.</summary>
    public List<Certification> PromptHashes { get; } = [];

    /// <summary>Providers of a promptfoo run that name no model (echo, local scripts, HTTP endpoints) and are not mapped.</summary>
    public List<Certification> UnboundProviders { get; } = [];

    /// <summary>Who certified model and prompts with ShiftLeftStampEvidence, and when.</summary>
    public string? StampedBy { get; set; }

    /// <summary>When the stamp was made.</summary>
    public DateTimeOffset? StampedAt { get; set; }

    /// <summary>The evaluation format recognised (shiftleft, aieval, promptfoo, huggingface-model-index), if any.</summary>
    public string? Format { get; set; }

    /// <summary>The aieval execution read, when the report holds several.</summary>
    public ExecutionSelection? Execution { get; set; }

    /// <summary>Metric values the artifact carries.</summary>
    public List<MetricObservation> Metrics { get; } = [];

    /// <summary>Names of the systems a risk register has entries for.</summary>
    public HashSet<string> RegisteredSystems { get; } = new(StringComparer.Ordinal);

    /// <summary>The entries of a risk register.</summary>
    public List<RegisteredRisk> Risks { get; } = [];

    /// <summary>Per-cohort metrics a format lists apart from its overall metrics (ShiftLeft's <c>cohorts[]</c>).</summary>
    public List<CohortObservation> CohortMetrics { get; } = [];

    /// <summary>Per cohort attribute the policy groups by: how many results carry no value for it.</summary>
    public Dictionary<string, int> Unlabelled { get; } = new(StringComparer.Ordinal);

    /// <summary>A sign-off record exported from the portal, when the artifact is one.</summary>
    public Governance.SignOffRecord? SignOff { get; set; }
}

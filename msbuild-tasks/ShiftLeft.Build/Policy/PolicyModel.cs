namespace ShiftLeft.Build.Policy;

/// <summary>A validated shiftleft.json.</summary>
public sealed record PolicyDocument(
    string FullPath,
    string DisplayPath,
    IReadOnlyList<SystemPolicy> Systems,
    IReadOnlyDictionary<string, TierPolicy> Tiers,
    IReadOnlyList<PolicyException> Exceptions,
    IReadOnlyCollection<string> CustomKinds,
    Json.JsonLocator Locator)
{
    /// <summary>Where the value at a JSON pointer of shiftleft.json is written.</summary>
    public Diagnostics.SourceLocation Locate(string pointer) => Locator.Locate(pointer);

    /// <summary>The folder every relative path of the policy is resolved against.</summary>
    public string Directory => Path.GetDirectoryName(FullPath)!;
}

/// <summary>One AI system and what it must prove.</summary>
public sealed record SystemPolicy(
    string Name,
    string Owner,
    string RiskTier,
    IReadOnlyList<string> Projects,
    string? ModelId,
    IReadOnlyList<string> PromptFiles,
    IReadOnlyDictionary<string, string> ModelProviders,
    IReadOnlyDictionary<string, EvidenceEntry> Evidence,
    IReadOnlyList<ThresholdRule> Thresholds,
    string Pointer);

/// <summary>Where one artifact kind of a system lives, and which aieval execution to read from it (null: the latest).</summary>
public sealed record EvidenceEntry(string Path, string? Execution);

/// <summary>
/// A metric name with its required comparison, scoped to the artifact of one kind (<c>"evaluation:groundedness"</c>)
/// or, when <see cref="Kind"/> is null, applying to every artifact that reports the metric, each on its own.
/// </summary>
public sealed record ThresholdRule(string Metric, string? Kind, ThresholdExpression Expression, string Pointer)
{
    /// <summary>The key as written in the policy.</summary>
    public string Key => Kind is null ? Metric : Kind + ":" + Metric;
}

/// <summary>What a risk tier requires.</summary>
public sealed record TierPolicy(string Name, IReadOnlyList<string> Requires, int? MaxEvidenceAgeDays);

/// <summary>An approved, time-boxed waiver of one requirement.</summary>
public sealed record PolicyException(string System, string Requirement, string Reason, string ApprovedBy, DateOnly Expires, string Pointer);

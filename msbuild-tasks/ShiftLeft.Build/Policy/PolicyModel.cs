namespace ShiftLeft.Build.Policy;

/// <summary>A validated shiftleft.json.</summary>
public sealed record PolicyDocument(
    string FullPath,
    string DisplayPath,
    IReadOnlyList<SystemPolicy> Systems,
    IReadOnlyDictionary<string, TierPolicy> Tiers,
    IReadOnlyList<PolicyException> Exceptions,
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
    IReadOnlyDictionary<string, string> Evidence,
    IReadOnlyList<ThresholdRule> Thresholds,
    string Pointer);

/// <summary>A metric name with its required comparison.</summary>
public sealed record ThresholdRule(string Metric, ThresholdExpression Expression, string Pointer);

/// <summary>What a risk tier requires.</summary>
public sealed record TierPolicy(string Name, IReadOnlyList<string> Requires, int? MaxEvidenceAgeDays);

/// <summary>An approved, time-boxed waiver of one requirement.</summary>
public sealed record PolicyException(string System, string Requirement, string Reason, string ApprovedBy, DateOnly Expires, string Pointer);

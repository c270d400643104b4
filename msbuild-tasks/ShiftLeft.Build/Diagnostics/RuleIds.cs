namespace ShiftLeft.Build.Diagnostics;

/// <summary>Every diagnostic the evidence gate reports; one documentation page per id under docs/rules.</summary>
public static class RuleIds
{
    /// <summary>A required artifact is missing.</summary>
    public const string ArtifactMissing = "SL1001";

    /// <summary>An artifact is unparsable, breaks its schema, or lacks required sections.</summary>
    public const string ArtifactInvalid = "SL1002";

    /// <summary>A metric fails its threshold, or is absent or errored.</summary>
    public const string MetricFailing = "SL1003";

    /// <summary>Evidence is too old or certifies another model id / prompt set.</summary>
    public const string EvidenceStale = "SL1004";

    /// <summary>shiftleft.json is invalid.</summary>
    public const string PolicyInvalid = "SL1005";

    /// <summary>An exception has expired or expires soon, or does not apply (self-approved, too long, unsigned under four eyes).</summary>
    public const string ExceptionExpired = "SL1006";

    /// <summary>The project uses an AI SDK but belongs to no declared system.</summary>
    public const string UndeclaredAiSystem = "SL1007";

    /// <summary>A metric dropped significantly below the accepted baseline, or cannot be compared with it.</summary>
    public const string MetricRegressed = "SL1008";

    /// <summary>A metric differs too much between cohorts, or its cohorts cannot be compared.</summary>
    public const string FairnessGap = "SL1009";

    /// <summary>A signed portal record (release sign-off, approved exception) is missing, tampered, signed by an unknown key or for other evidence.</summary>
    public const string SignatureInvalid = "SL1010";

    /// <summary>Every id, in order, for documentation and help-link tests.</summary>
    public static readonly IReadOnlyList<string> All =
        [ArtifactMissing, ArtifactInvalid, MetricFailing, EvidenceStale, PolicyInvalid, ExceptionExpired, UndeclaredAiSystem, MetricRegressed, FairnessGap, SignatureInvalid];

    /// <summary>The documentation page of a rule, used as the MSBuild help link.</summary>
    public static string HelpLink(string id) => DocumentationLinks.Rule(id);
}

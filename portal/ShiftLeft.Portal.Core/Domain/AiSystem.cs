namespace ShiftLeft.Portal.Core.Domain;

/// <summary>An AI system declared in a repository's evidence reports (unique on repository + name).</summary>
public class AiSystem
{
    public long Id { get; set; }
    public long RepositoryId { get; set; }
    public required string Name { get; set; }
    public string? Owner { get; set; }

    /// <summary>Risk tier as declared (e.g. <c>high</c>, <c>limited</c>, <c>minimal</c>).</summary>
    public string? RiskTier { get; set; }

    public string? Project { get; set; }
    public string? ModelId { get; set; }
    public string? PromptHash { get; set; }

    /// <summary>The evidence report whose requirements and metrics are current.</summary>
    public long? LastReportId { get; set; }
    public DateTime? LastReportAt { get; set; }
    public bool? LastGatePassed { get; set; }
    public string? LastCommit { get; set; }
}

namespace ShiftLeft.Portal.Core.Domain;

/// <summary>One evaluation metric of an AI system as one evidence report states it.</summary>
public class MetricResult
{
    public long Id { get; set; }
    public long AiSystemId { get; set; }
    public long EvidenceReportId { get; set; }
    public required string Name { get; set; }

    /// <summary>The artifact kind the values came from: a threshold is checked per artifact, so a name can appear once per kind.</summary>
    public string? Kind { get; set; }
    public double? Value { get; set; }
    public double? Threshold { get; set; }
    public bool Passed { get; set; }
    public string? Source { get; set; }
}

namespace ShiftLeft.Portal.Core.Domain;

/// <summary>What one run saw of one finding (including the run where it went missing: state <see cref="FindingState.Fixed"/>).</summary>
public class FindingOccurrence
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long FindingId { get; set; }
    public FindingState State { get; set; }
    public int StartLine { get; set; }
    public int StartColumn { get; set; }
    public bool IsSuppressed { get; set; }
    public string? SuppressionJustification { get; set; }
}

namespace ShiftLeft.Portal.Core.Domain;

/// <summary>A source repository that uploads runs. Created on its first upload.</summary>
public class Repository
{
    public long Id { get; set; }

    /// <summary>Unique name as the uploader sends it, e.g. <c>contoso/chatbot</c>.</summary>
    public required string Name { get; set; }

    /// <summary>Branch whose findings count in the overview and KPIs (the first uploaded branch unless an admin changes it).</summary>
    public required string DefaultBranch { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastRunAt { get; set; }

    public long? LastRunId { get; set; }
}

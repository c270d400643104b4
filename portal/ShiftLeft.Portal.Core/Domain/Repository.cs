namespace ShiftLeft.Portal.Core.Domain;

/// <summary>A source repository that uploads runs. Created on its first upload.</summary>
public class Repository
{
    public long Id { get; set; }

    /// <summary>The name as the first upload spelled it, e.g. <c>Contoso/Chatbot</c>.</summary>
    public required string Name { get; set; }

    /// <summary>
    /// The unique key: <see cref="RepositoryNames.Canonical"/> of <see cref="Name"/> (lower case). Rows older than the
    /// grammar that collided with an earlier row get "#id" appended by the migration, so they stay reachable by id.
    /// </summary>
    public required string CanonicalName { get; set; }

    /// <summary>Branch whose findings count in the overview and KPIs (the first uploaded branch unless an admin changes it).</summary>
    public required string DefaultBranch { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastRunAt { get; set; }

    public long? LastRunId { get; set; }
}

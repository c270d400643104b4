namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// The latest run with SARIF on one repository and branch, upserted by ingestion. Every finding of the branch that is not
/// fixed was seen by this run, which is how the effective state and "last seen" of unchanged findings are known without
/// rewriting their rows on every re-import (see <see cref="Services.FindingLifecycle"/>).
/// </summary>
public class BranchHead
{
    public long RepositoryId { get; set; }
    public required string Branch { get; set; }
    public long RunId { get; set; }
    public DateTime ReceivedAt { get; set; }
}

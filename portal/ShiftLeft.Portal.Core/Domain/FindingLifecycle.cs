namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// The effective lifecycle of a finding from its row and its branch's <see cref="BranchHead"/>. Queries that filter or sort
/// in SQL spell the same rule inline (EF cannot translate a call): state is the stored one when the finding is fixed or its row
/// was written by the latest run, otherwise <see cref="FindingState.Unchanged"/>; an open finding was last seen by the latest run.
/// </summary>
public static class FindingLifecycle
{
    public static FindingState State(FindingState stored, long lastSeenRunId, long headRunId) =>
        stored == FindingState.Fixed || lastSeenRunId == headRunId ? stored : FindingState.Unchanged;

    public static DateTime LastSeenAt(FindingState stored, DateTime lastSeenAt, DateTime headReceivedAt) =>
        stored == FindingState.Fixed ? lastSeenAt : headReceivedAt;

    public static long LastSeenRunId(FindingState stored, long lastSeenRunId, long headRunId) =>
        stored == FindingState.Fixed ? lastSeenRunId : headRunId;
}

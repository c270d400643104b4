namespace ShiftLeft.Portal.Core.Services;

public static class TriageLimits
{
    public const int MaxBulk = 10_000;
    public const int MaxCommentLength = 4000;
    public const int MaxApproverLength = 256;
}

namespace ShiftLeft.Portal.Core.Services;

public enum TriageAction
{
    Dismiss,
    AcceptRisk,
    Reopen,
}

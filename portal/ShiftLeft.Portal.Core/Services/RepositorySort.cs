namespace ShiftLeft.Portal.Core.Services;

public enum RepositorySort
{
    Name,
    OpenFindings,
    LastRun,
    AiSystems,
}

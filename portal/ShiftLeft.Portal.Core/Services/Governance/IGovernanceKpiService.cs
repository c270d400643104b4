namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>Fairness regression rate, time to approval and the cohort table (docs/portal.md "KPIs" gives each formula).</summary>
public interface IGovernanceKpiService
{
    Task<GovernanceKpisDto> ComputeAsync(int windowDays = 90, CancellationToken cancellationToken = default);
}

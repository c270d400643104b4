namespace ShiftLeft.Portal.Core.Services;

/// <summary>The leads' overview: open findings breakdowns, trend and the Responsible-AI KPIs (default branches only).</summary>
public interface IOverviewService
{
    Task<OverviewDto> GetOverviewAsync(OverviewQuery query, CancellationToken cancellationToken = default);
}

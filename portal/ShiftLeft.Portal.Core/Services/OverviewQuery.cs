using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// Optional narrowing of the overview. <see cref="TrendDays"/> is the trend window and the KPI window for runs.
/// <see cref="RuleScope"/> narrows the open counts, breakdowns and time to remediate; the trend is recorded per run over every rule.
/// </summary>
public sealed record OverviewQuery(int TrendDays = 90, long? RepositoryId = null, RuleScope RuleScope = RuleScope.All);

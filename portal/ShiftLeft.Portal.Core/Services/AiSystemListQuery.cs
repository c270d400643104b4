using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Services;

public sealed record AiSystemListQuery(string? Search = null, long? RepositoryId = null, string? RiskTier = null, int Page = 1, int PageSize = 25);

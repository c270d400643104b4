using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Api;

/// <summary>Read-only API for signed-in users (viewer and up): overview, repositories, findings, AI systems.</summary>
internal static class ReadEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var read = api.MapGroup("").RequireAuthorization(PortalPolicies.CanView);

        read.MapGet("/overview", (IOverviewService overview, int? trendDays, long? repositoryId, string? ruleScope, CancellationToken ct) =>
            overview.GetOverviewAsync(new OverviewQuery(trendDays ?? 90, repositoryId,
                ruleScope is null ? Core.Domain.RuleScope.All : QueryBinding.Enum<Core.Domain.RuleScope>(ruleScope, "ruleScope")), ct)).WithName("GetOverview");

        read.MapGet("/repositories", (IRepositoryService repositories, string? search, string? sort, bool? descending, int? page, int? pageSize, CancellationToken ct) =>
            repositories.ListAsync(new RepositoryListQuery(search, sort is null ? RepositorySort.Name : QueryBinding.Enum<RepositorySort>(sort, "sort"),
                descending ?? false, page ?? 1, pageSize ?? 25), ct)).WithName("ListRepositories");

        read.MapGet("/repositories/{id:long}", async (long id, IRepositoryService repositories, CancellationToken ct) =>
            await repositories.GetAsync(id, ct).ConfigureAwait(false) is { } repository ? Results.Ok(repository) : NotFound($"Repository {id} does not exist."))
            .WithName("GetRepository").Produces<RepositoryDetailDto>();

        read.MapGet("/repositories/{id:long}/runs", (long id, IRepositoryService repositories, int? page, int? pageSize, CancellationToken ct) =>
            repositories.ListRunsAsync(id, page ?? 1, pageSize ?? 25, ct)).WithName("ListRuns");

        read.MapGet("/findings", (HttpRequest request, IFindingQueryService findings, int? page, int? pageSize, string? sort, bool? descending, CancellationToken ct) =>
            findings.SearchAsync(QueryBinding.Filter(request),
                new FindingPageRequest(page ?? 1, pageSize ?? 50, sort is null ? FindingSort.Severity : QueryBinding.Enum<FindingSort>(sort, "sort"), descending ?? true), ct))
            .WithName("SearchFindings")
            .WithDescription("Filters: repositoryId, branch, rule*, severity*, state*, path, owasp, visibility (Open by default), ruleScope (All by default, or ShiftLeft).");

        read.MapGet("/findings/{id:long}", async (long id, IFindingQueryService findings, CancellationToken ct) =>
            await findings.GetAsync(id, ct).ConfigureAwait(false) is { } finding ? Results.Ok(finding) : NotFound($"Finding {id} does not exist."))
            .WithName("GetFinding").Produces<FindingDetailDto>();

        read.MapGet("/ai-systems", (IAiSystemService systems, string? search, long? repositoryId, string? riskTier, int? page, int? pageSize, CancellationToken ct) =>
            systems.ListAsync(new AiSystemListQuery(search, repositoryId, riskTier, page ?? 1, pageSize ?? 25), ct)).WithName("ListAiSystems");

        read.MapGet("/ai-systems/{id:long}", async (long id, IAiSystemService systems, CancellationToken ct) =>
            await systems.GetAsync(id, ct).ConfigureAwait(false) is { } system ? Results.Ok(system) : NotFound($"AI system {id} does not exist."))
            .WithName("GetAiSystem").Produces<AiSystemDetailDto>();
    }

    internal static IResult NotFound(string detail) => Results.Problem(statusCode: 404, title: "Not found", detail: detail, type: ProblemTypes.NotFound);
}

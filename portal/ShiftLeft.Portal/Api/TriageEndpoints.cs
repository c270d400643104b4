using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Api;

/// <summary>Triage API (triager and admin). Every decision is audited by the service.</summary>
internal static class TriageEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var triage = api.MapGroup("/findings").RequireAuthorization(PortalPolicies.CanTriage);

        triage.MapPost("/{id:long}/triage", (long id, TriageRequest body, HttpContext http, PortalActors actors, ITriageService service, CancellationToken ct) =>
            service.ApplyAsync(id, body.ToCommand(), actors.ForApi(http), ct)).WithName("TriageFinding");

        triage.MapPost("/triage", (HttpRequest request, BulkTriageRequest body, HttpContext http, PortalActors actors, ITriageService service, CancellationToken ct) =>
        {
            var decision = body.Triage?.ToCommand()
                ?? throw new PortalValidationException("The body needs a 'triage' decision: {\"triage\": {\"action\": \"Dismiss\", …}, \"findingIds\": [..]} (findingIds optional: without them the query-string filter chooses).");
            return body.FindingIds is { Count: > 0 } ids
                ? service.ApplyToManyAsync(ids, decision, actors.ForApi(http), ct)
                : service.ApplyToFilterAsync(QueryBinding.Filter(request), decision, actors.ForApi(http), ct);
        })
            .WithName("BulkTriage")
            .WithDescription("Applies one decision to the listed findingIds, or (when none are listed) to every finding matching the query-string filter.");
    }
}

/// <summary>
/// action: Dismiss (reason FalsePositive / WontFix / UsedInTests + comment), AcceptRisk (expiresAt: the last day it applies,
/// comment: why; a request another approver must approve) or Reopen.
/// </summary>
internal sealed record TriageRequest(TriageAction Action, string? Comment, DismissReason? Reason, DateTime? ExpiresAt)
{
    public TriageCommand ToCommand() => new(Action, Comment, Reason, ExpiresAt?.ToUniversalTime());
}

internal sealed record BulkTriageRequest(IReadOnlyList<long>? FindingIds, TriageRequest? Triage);

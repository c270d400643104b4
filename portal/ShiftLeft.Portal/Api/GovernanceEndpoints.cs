using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Core.Services.Governance;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Api;

/// <summary>
/// Governance API (docs/portal.md "Governance"): risk acceptance with four eyes, release sign-off, baselines, the
/// portal's public key, the governance KPIs, and the three lookups the evidence gate makes with its ingestion token.
/// The services check roles, four eyes and bounds again, whichever channel calls.
/// </summary>
internal static class GovernanceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var view = api.MapGroup("").RequireAuthorization(PortalPolicies.CanView);
        view.MapGet("/governance/signing-key", (ISigningKeyService keys, CancellationToken ct) => keys.GetPublicKeyAsync(ct))
            .WithName("GetSigningKey").WithDescription("The portal's ECDSA P-256 public key (base64 SubjectPublicKeyInfo and PEM) and its trustedKeys entry for shiftleft.json.");
        view.MapGet("/governance/kpis", (IGovernanceKpiService kpis, int? days, CancellationToken ct) => kpis.ComputeAsync(days ?? 90, ct))
            .WithName("GetGovernanceKpis").WithDescription("Fairness regression rate, time to approval (with its weekly trend) and the per-system cohort table over the last `days` (default 90).");
        view.MapGet("/ai-systems/{id:long}/governance", async (long id, IAiSystemGovernanceService governance, CancellationToken ct) =>
                await governance.GetAsync(id, ct).ConfigureAwait(false) is { } found ? Results.Ok(found) : ReadEndpoints.NotFound($"AI system {id} does not exist."))
            .WithName("GetAiSystemGovernance").Produces<AiSystemGovernanceDto>();
        view.MapGet("/risk-acceptances", (IRiskAcceptanceService acceptances, string? status, long? aiSystemId, long? repositoryId, CancellationToken ct) =>
                acceptances.ListAsync(new RiskAcceptanceQuery(status is null ? null : QueryBinding.Enum<RiskAcceptanceStatus>(status, "status"), aiSystemId, repositoryId), ct))
            .WithName("ListRiskAcceptances");
        view.MapGet("/risk-acceptances/{id:long}/record", async (long id, IRiskAcceptanceService acceptances, HttpContext http, CancellationToken ct) =>
                Download(http, await acceptances.ExportAsync(id, ct).ConfigureAwait(false), $"No approved exception {id} to export (pending, rejected, or a finding's acceptance)."))
            .WithName("ExportExceptionRecord").WithDescription("The approved exception as a signed shiftleft-exception record, for riskAcceptance.records in shiftleft.json.");
        view.MapGet("/sign-offs/{id:long}/record", async (long id, ISignOffService signOffs, HttpContext http, CancellationToken ct) =>
                Download(http, await signOffs.ExportAsync(id, ct).ConfigureAwait(false), $"Sign-off {id} does not exist."))
            .WithName("ExportSignOffRecord").WithDescription("The signed shiftleft-signoff record, to save as the system's \"signOff\" evidence.");
        // The service decides: an admin, or the system's owner.
        view.MapPost("/ai-systems/{id:long}/baseline", (long id, AcceptBaselineRequest body, HttpContext http, PortalActors actors, IBaselineService baselines, CancellationToken ct) =>
                baselines.AcceptAsync(id, body.EvidenceReportId, actors.ForApi(http), ct))
            .WithName("AcceptBaseline").WithDescription("Accepts an evidence report of the default branch as the system's baseline (admin or the system's owner; audited).");

        var triage = api.MapGroup("").RequireAuthorization(PortalPolicies.CanTriage);
        triage.MapPost("/ai-systems/{id:long}/exceptions", (long id, RequestExceptionRequest body, HttpContext http, PortalActors actors, IRiskAcceptanceService acceptances, CancellationToken ct) =>
                acceptances.RequestExceptionAsync(new RequestExceptionCommand(id, body.Requirement ?? "", body.Reason ?? "", body.Expires, body.Risks), actors.ForApi(http), ct))
            .WithName("RequestException").WithDescription("Asks for an exception to one evidence requirement until `expires` (last day, at most Portal:Governance:MaxRiskAcceptanceDays away); another approver must approve it.");

        var approve = api.MapGroup("").RequireAuthorization(PortalPolicies.CanApprove);
        approve.MapPost("/risk-acceptances/{id:long}/approve", (long id, DecisionRequest? body, HttpContext http, PortalActors actors, IRiskAcceptanceService acceptances, CancellationToken ct) =>
                acceptances.ApproveAsync(id, body?.Comment, actors.ForApi(http), ct))
            .WithName("ApproveRiskAcceptance").WithDescription("Approves a pending risk acceptance; the requester cannot (403).");
        approve.MapPost("/risk-acceptances/{id:long}/reject", (long id, DecisionRequest? body, HttpContext http, PortalActors actors, IRiskAcceptanceService acceptances, CancellationToken ct) =>
                acceptances.RejectAsync(id, body?.Comment, actors.ForApi(http), ct))
            .WithName("RejectRiskAcceptance");
        approve.MapPost("/ai-systems/{id:long}/sign-offs", async (long id, SignOffRequest body, HttpContext http, PortalActors actors, ISignOffService signOffs, CancellationToken ct) =>
            {
                var signed = await signOffs.SignAsync(id, body.EvidenceReportId, body.Comment, actors.ForApi(http), ct).ConfigureAwait(false);
                return Results.Created($"/api/v1/sign-offs/{signed.Id}/record", signed);
            })
            .WithName("SignOff").WithDescription("Signs off the evidence report of one commit (approver); the record is append-only and exported signed.");

        // What the gate asks, with its ingestion token (scoped to the repository) or a signed-in viewer.
        var gate = api.MapGroup("/governance").RequireAuthorization(PortalPolicies.CanReadGovernance);
        gate.MapGet("/sign-off", async (string repository, string system, string evidenceSha256, HttpContext http, IRepositoryService repositories, ISignOffService signOffs, CancellationToken ct) =>
                await SystemAsync(http, repositories, repository, system, ct).ConfigureAwait(false) is { } id
                    ? Download(http, await signOffs.FindAsync(id, evidenceSha256, ct).ConfigureAwait(false), $"No sign-off of '{system}' for evidenceSha256 {evidenceSha256}.")
                    : ReadEndpoints.NotFound($"'{repository}' has no AI system '{system}'."))
            .WithName("FindSignOff").WithDescription("The latest signed sign-off record of exactly this evidence (404 when none): the gate's online SL1010 check.");
        gate.MapGet("/exceptions", async (string repository, string system, HttpContext http, IRepositoryService repositories, IRiskAcceptanceService acceptances, CancellationToken ct) =>
                await SystemAsync(http, repositories, repository, system, ct).ConfigureAwait(false) is { } id
                    ? Results.Ok((await acceptances.CurrentRecordsAsync(id, ct).ConfigureAwait(false)).Select(r => System.Text.Json.JsonDocument.Parse(r.Json).RootElement))
                    : ReadEndpoints.NotFound($"'{repository}' has no AI system '{system}'."))
            .WithName("ListExceptionRecords").WithDescription("The signed records of the system's approved exceptions that have not expired.");
        gate.MapGet("/baseline", async (string repository, string system, HttpContext http, IRepositoryService repositories, IBaselineService baselines, CancellationToken ct) =>
            {
                if (await SystemAsync(http, repositories, repository, system, ct).ConfigureAwait(false) is not { } id)
                    return ReadEndpoints.NotFound($"'{repository}' has no AI system '{system}'.");
                return await baselines.BaselineFileAsync(id, ct).ConfigureAwait(false) is { } file
                    ? Results.Text(file, "application/json")
                    : ReadEndpoints.NotFound($"No baseline of '{system}' has been accepted on the default branch.");
            })
            .WithName("GetBaseline").WithDescription("The baseline last accepted for the system on its default branch, as a shiftleft-baseline.json document.");
    }

    private static async Task<long?> SystemAsync(HttpContext http, IRepositoryService repositories, string repository, string system, CancellationToken ct)
    {
        if (http.User.HasClaim(c => c.Type == IngestionTokenAuthenticationHandler.TokenIdClaim) && !IngestionTokenAuthenticationHandler.Allows(http.User, repository))
            throw new PortalForbiddenException($"This token is not scoped to '{repository}'.");
        var found = await repositories.GetByNameAsync(repository, ct).ConfigureAwait(false);
        return found?.AiSystems.FirstOrDefault(a => string.Equals(a.Name, system, StringComparison.Ordinal))?.Id;
    }

    private static IResult Download(HttpContext http, SignedRecord? record, string missing)
    {
        if (record is null) return ReadEndpoints.NotFound(missing);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{string.Concat(record.FileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'))}\"";
        return Results.Text(record.Json, "application/json");
    }
}

internal sealed record AcceptBaselineRequest(long EvidenceReportId);

internal sealed record RequestExceptionRequest(string? Requirement, string? Reason, DateOnly Expires, IReadOnlyList<string>? Risks);

internal sealed record DecisionRequest(string? Comment);

internal sealed record SignOffRequest(long EvidenceReportId, string? Comment);

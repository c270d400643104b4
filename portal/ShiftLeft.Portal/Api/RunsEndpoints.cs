using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Api;

/// <summary>POST /api/v1/runs: the ingestion endpoint (bearer ingestion token).</summary>
internal static class RunsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/runs", UploadAsync)
            .RequireAuthorization(PortalPolicies.CanIngest)
            .DisableAntiforgery()
            .WithName("UploadRun")
            .WithSummary("Upload a build's SARIF log(s) and/or evidence report(s)")
            .WithDescription(
                "multipart/form-data with fields repository, commit, branch, buildId, sourceRoot (optional) and file parts 'sarif' and/or 'evidence' " +
                "(each may be gzip); or a raw SARIF body (application/json, application/sarif+json, gzip allowed) with the fields in the query string " +
                "(add type=evidence for a raw evidence report). Idempotent on repository + commit + buildId: a repeat answers 200 with the stored summary.")
            .Produces<IngestionResult>(StatusCodes.Status201Created)
            .Produces<IngestionResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/runs/{id:long}", async (long id, IRepositoryService repositories, CancellationToken cancellationToken) =>
                await repositories.GetRunAsync(id, cancellationToken).ConfigureAwait(false) is { } run ? Results.Ok(run) : ReadEndpoints.NotFound($"Run {id} does not exist."))
            .RequireAuthorization(PortalPolicies.CanView)
            .WithName("GetRun")
            .Produces<RunSummaryDto>();
    }

    private static async Task<IResult> UploadAsync(
        HttpContext http,
        ClaimsPrincipal principal,
        IRunIngestionService ingestion,
        IOptions<PortalOptions> options,
        IIngestionTokenService tokens,
        CancellationToken cancellationToken)
    {
        var limits = options.Value.Ingestion;
        var tokenId = IngestionTokenAuthenticationHandler.TokenId(principal)!.Value;
        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limits.MaxUploadBytes;
        var repository = http.Request.Query["repository"].FirstOrDefault();

        async Task<IResult> FailAsync(IngestionException e)
        {
            await RecordAsync(tokens, tokenId, repository, TokenUseOutcome.Failed, e.Message, cancellationToken).ConfigureAwait(false);
            return PortalExceptionHandler.IngestionProblem(e);
        }

        if (http.Request.ContentLength > limits.MaxUploadBytes)
            return await FailAsync(new IngestionException(IngestionErrorKind.TooLarge,
                $"The upload ({http.Request.ContentLength} bytes) is larger than {limits.MaxUploadBytes} bytes, the configured limit (Portal:Ingestion:MaxUploadBytes).")).ConfigureAwait(false);

        UploadSpool upload;
        try
        {
            upload = await UploadSpool.ReceiveAsync(http.Request, limits, cancellationToken).ConfigureAwait(false);
        }
        catch (IngestionException e)
        {
            return await FailAsync(e).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return await FailAsync(new IngestionException(IngestionErrorKind.TooLarge,
                $"The upload is larger than {limits.MaxUploadBytes} bytes, the configured limit (Portal:Ingestion:MaxUploadBytes).")).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return await FailAsync(new IngestionException(IngestionErrorKind.InvalidMetadata, $"The gzip request body is corrupt: {e.Message}")).ConfigureAwait(false);
        }

        await using (upload)
        {
            repository = upload.Field("repository");
            try
            {
                // The name's grammar first: a scope can only be compared on a valid name.
                IngestionMetadata.ValidateRepository(repository);
            }
            catch (IngestionException e)
            {
                return await FailAsync(e).ConfigureAwait(false);
            }

            if (!IngestionTokenAuthenticationHandler.Allows(principal, repository!))
            {
                await RecordAsync(tokens, tokenId, repository, TokenUseOutcome.Forbidden, "repository outside the token's scope", cancellationToken).ConfigureAwait(false);
                return Results.Problem(statusCode: 403, title: "Forbidden", type: ProblemTypes.Forbidden,
                    detail: $"This ingestion token may not upload to '{repository}'. Ask an admin for a token scoped to it.");
            }

            try
            {
                var result = await ingestion.IngestAsync(new IngestionRequest
                {
                    Repository = repository ?? "",
                    Commit = upload.Field("commit") ?? "",
                    Branch = upload.Field("branch") ?? "",
                    BuildId = upload.Field("buildId") ?? "",
                    SourceRoot = upload.Field("sourceRoot"),
                    Sarif = upload.Sarif,
                    Evidence = upload.Evidence,
                    TokenId = tokenId,
                }, cancellationToken).ConfigureAwait(false);
                if (result.Replayed)
                {
                    await RecordAsync(tokens, tokenId, repository, TokenUseOutcome.Accepted, $"replay of run {result.RunId}", cancellationToken).ConfigureAwait(false);
                    return Results.Ok(result);
                }

                return Results.Created($"/api/v1/runs/{result.RunId}", result);
            }
            catch (IngestionException e)
            {
                return await FailAsync(e).ConfigureAwait(false);
            }
        }
    }

    private static Task RecordAsync(IIngestionTokenService tokens, long tokenId, string? repository, TokenUseOutcome outcome, string detail, CancellationToken cancellationToken) =>
        tokens.RecordUseAsync(tokenId, repository, outcome, detail, cancellationToken);
}

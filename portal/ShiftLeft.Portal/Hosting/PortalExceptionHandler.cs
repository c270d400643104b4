using Microsoft.AspNetCore.Diagnostics;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Hosting;

/// <summary>Maps domain exceptions to RFC 7807 problems; anything else is a 500 whose detail reveals nothing internal.</summary>
internal sealed partial class PortalExceptionHandler(ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is IngestionException ingestion)
        {
            if (httpContext.Response.HasStarted) return false;
            await IngestionProblem(ingestion).ExecuteAsync(httpContext).ConfigureAwait(false);
            return true;
        }

        var (status, title, type, detail) = exception switch
        {
            PortalValidationException e => (400, "Invalid request", ProblemTypes.InvalidRequest, e.Message),
            PortalReauthenticationRequiredException e => (401, "Recent sign-in required", ProblemTypes.ReauthenticationRequired, e.Message),
            PortalForbiddenException e => (403, "Forbidden", ProblemTypes.Forbidden, e.Message),
            PortalNotFoundException e => (404, "Not found", ProblemTypes.NotFound, e.Message),
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == 413 ? "Upload too large" : "Bad request",
                e.StatusCode == 413 ? ProblemTypes.TooLarge : ProblemTypes.InvalidRequest, BindingDetail(e)),
            _ => (500, "Internal error", ProblemTypes.ServerError, "The portal failed to handle this request; the error is in its log."),
        };
        if (status == 500) LogUnhandled(logger, exception, httpContext.Request.Path);
        if (httpContext.Response.HasStarted) return false;
        // A refused field is named as an upload's is: the problem's `field` member.
        var extensions = exception is PortalValidationException { Field: { } field } ? new Dictionary<string, object?>(StringComparer.Ordinal) { ["field"] = field } : null;
        await Results.Problem(statusCode: status, title: title, type: type, detail: detail, extensions: extensions).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    /// <summary>What could not be bound, and where in the JSON (System.Text.Json's message names the path, line and byte).</summary>
    private static string BindingDetail(BadHttpRequestException e) =>
        e.InnerException is System.Text.Json.JsonException json ? $"{e.Message} {json.Message}" : e.Message;

    /// <summary>The problem for a refused upload: its detail, plus <c>field</c> and <c>resultIndex</c> members when the upload named them.</summary>
    internal static IResult IngestionProblem(IngestionException e)
    {
        var (status, title, type) = e.Kind switch
        {
            IngestionErrorKind.TooLarge => (413, "Upload too large", ProblemTypes.TooLarge),
            IngestionErrorKind.MalformedEvidence => (400, "Malformed evidence report", ProblemTypes.MalformedEvidence),
            IngestionErrorKind.InvalidMetadata => (400, "Invalid upload", ProblemTypes.InvalidRequest),
            _ => (400, "Malformed SARIF", ProblemTypes.MalformedSarif),
        };
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (e.Field is not null) extensions["field"] = e.Field;
        if (e.ResultIndex is not null) extensions["resultIndex"] = e.ResultIndex;
        return Results.Problem(statusCode: status, title: title, type: type, detail: e.Message, extensions: extensions);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}

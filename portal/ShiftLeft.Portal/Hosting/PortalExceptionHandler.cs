using Microsoft.AspNetCore.Diagnostics;
using ShiftLeft.Portal.Core.Ingestion;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Hosting;

/// <summary>Maps domain exceptions to RFC 7807 problems; anything else is a 500 whose detail reveals nothing internal.</summary>
internal sealed partial class PortalExceptionHandler(ILogger<PortalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, type, detail) = exception switch
        {
            PortalValidationException e => (400, "Invalid request", ProblemTypes.InvalidRequest, e.Message),
            PortalForbiddenException e => (403, "Forbidden", ProblemTypes.Forbidden, e.Message),
            PortalNotFoundException e => (404, "Not found", ProblemTypes.NotFound, e.Message),
            IngestionException e => IngestionProblem(e),
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == 413 ? "Upload too large" : "Bad request",
                e.StatusCode == 413 ? ProblemTypes.TooLarge : ProblemTypes.InvalidRequest, e.Message),
            _ => (500, "Internal error", ProblemTypes.ServerError, "The portal failed to handle this request; the error is in its log."),
        };
        if (status == 500) LogUnhandled(logger, exception, httpContext.Request.Path);
        if (httpContext.Response.HasStarted) return false;
        await Results.Problem(statusCode: status, title: title, type: type, detail: detail).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    internal static (int Status, string Title, string Type, string Detail) IngestionProblem(IngestionException e) => e.Kind switch
    {
        IngestionErrorKind.TooLarge => (413, "Upload too large", ProblemTypes.TooLarge, e.Message),
        IngestionErrorKind.MalformedEvidence => (400, "Malformed evidence report", ProblemTypes.MalformedEvidence, e.Message),
        IngestionErrorKind.InvalidMetadata => (400, "Invalid upload", ProblemTypes.InvalidRequest, e.Message),
        _ => (400, "Malformed SARIF", ProblemTypes.MalformedSarif, e.Message),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}

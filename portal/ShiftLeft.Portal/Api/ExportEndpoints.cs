using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;
using ShiftLeft.Portal.Hosting;

namespace ShiftLeft.Portal.Api;

/// <summary>Downloads (viewer and up, cookie sign-in): findings as CSV / JSON / SARIF, and the audit package of an AI system.</summary>
internal static class ExportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var exports = api.MapGroup("/exports").RequireAuthorization(PortalPolicies.CanView);

        exports.MapGet("/findings", async (HttpContext http, string? format, IExportService export, TimeProvider clock, CancellationToken ct) =>
        {
            var kind = format is null ? FindingExportFormat.Csv : QueryBinding.Enum<FindingExportFormat>(format, "format");
            var filter = QueryBinding.Filter(http.Request);
            var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var (contentType, extension) = kind switch
            {
                FindingExportFormat.Json => ("application/json", "json"),
                FindingExportFormat.Sarif => ("application/sarif+json", "sarif"),
                _ => ("text/csv; charset=utf-8", "csv"),
            };
            http.Response.ContentType = contentType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"shiftleft-findings-{stamp}.{extension}\"";
            switch (kind)
            {
                case FindingExportFormat.Json: await export.WriteFindingsJsonAsync(filter, http.Response.Body, ct).ConfigureAwait(false); break;
                case FindingExportFormat.Sarif: await export.WriteOpenFindingsSarifAsync(filter, http.Response.Body, ct).ConfigureAwait(false); break;
                default: await export.WriteFindingsCsvAsync(filter, http.Response.Body, ct).ConfigureAwait(false); break;
            }
        }).WithName("ExportFindings").WithDescription("format=csv|json|sarif plus the finding filters of GET /api/v1/findings. SARIF contains open findings only.");

        exports.MapGet("/ai-systems/{id:long}/audit-package", async (long id, HttpContext http, PortalActors actors, IExportService export,
            IOptions<PortalOptions> options, CancellationToken ct) =>
        {
            // ZipArchive writes synchronously; build the archive in a spool file, then stream it out.
            await using var temp = SpoolFiles.Create(options.Value.Ingestion, "audit-package");
            await export.WriteAuditPackageAsync(id, temp, actors.ForApi(http), ct).ConfigureAwait(false);
            temp.Position = 0;
            http.Response.ContentType = "application/zip";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"shiftleft-audit-package-{id}.zip\"";
            http.Response.ContentLength = temp.Length;
            await temp.CopyToAsync(http.Response.Body, ct).ConfigureAwait(false);
        }).WithName("ExportAuditPackage");
    }
}

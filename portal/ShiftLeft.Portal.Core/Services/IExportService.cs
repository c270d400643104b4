using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// Exports, streamed to the output (never built in memory). HTTP: GET /api/v1/exports/findings?format=csv|json|sarif&amp;…filter
/// and GET /api/v1/exports/ai-systems/{id}/audit-package (cookie auth, viewer).
/// </summary>
public interface IExportService
{
    /// <summary>CSV (RFC 4180; cells that a spreadsheet would evaluate as formulas are prefixed with an apostrophe).</summary>
    Task WriteFindingsCsvAsync(FindingFilter filter, Stream output, CancellationToken cancellationToken = default);

    /// <summary>A JSON array of findings.</summary>
    Task WriteFindingsJsonAsync(FindingFilter filter, Stream output, CancellationToken cancellationToken = default);

    /// <summary>SARIF 2.1.0 of the filter's findings restricted to open ones, with repository-relative URIs and <c>partialFingerprints</c>.</summary>
    Task WriteOpenFindingsSarifAsync(FindingFilter filter, Stream output, CancellationToken cancellationToken = default);

    /// <summary>
    /// A zip for an auditor: manifest.json (SHA-256 of every entry), the latest evidence report and earlier ones,
    /// the repository's findings (CSV + SARIF), triage history and the audit log entries of the repository. Audited.
    /// </summary>
    Task WriteAuditPackageAsync(long aiSystemId, Stream output, PortalActor actor, CancellationToken cancellationToken = default);
}

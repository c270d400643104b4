namespace ShiftLeft.Portal.Core.Services;

/// <summary>Reading the append-only audit log (admin). Writing happens inside each audited command's transaction.</summary>
public interface IAuditLogService
{
    Task<PagedResult<AuditLogEntryDto>> ListAsync(AuditLogQuery query, CancellationToken cancellationToken = default);
}

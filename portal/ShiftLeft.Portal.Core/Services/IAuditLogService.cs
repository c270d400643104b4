namespace ShiftLeft.Portal.Core.Services;

/// <summary>Reading the append-only audit log (admin). Writing happens inside each audited command's transaction.</summary>
public interface IAuditLogService
{
    Task<PagedResult<AuditLogEntryDto>> ListAsync(AuditLogQuery query, CancellationToken cancellationToken = default);
}

/// <summary>All filters optional. <see cref="Action"/> matches a prefix (e.g. <c>finding.</c>).</summary>
public sealed record AuditLogQuery(string? Actor = null, string? Action = null, string? EntityType = null, string? EntityId = null, DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50);

/// <summary>One entry. <see cref="Channel"/> (UI, API, System) and <see cref="ClientAddress"/> are null on entries written before they were recorded.</summary>
public sealed record AuditLogEntryDto(
    long Id, DateTime At, string ActorId, string ActorName, string Action, string? Channel, string? ClientAddress, string EntityType, string? EntityId, string? Before, string? After);

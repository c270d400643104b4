using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class AuditLogService(IDbContextFactory<PortalDbContext> factory) : IAuditLogService
{
    public async Task<PagedResult<AuditLogEntryDto>> ListAsync(AuditLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var q = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor)) q = q.Where(e => e.ActorName == query.Actor || e.ActorId == query.Actor);
        if (!string.IsNullOrWhiteSpace(query.Action)) q = q.Where(e => e.Action.StartsWith(query.Action));
        if (!string.IsNullOrWhiteSpace(query.EntityType)) q = q.Where(e => e.EntityType == query.EntityType);
        if (!string.IsNullOrWhiteSpace(query.EntityId)) q = q.Where(e => e.EntityId == query.EntityId);
        if (query.From is { } from) q = q.Where(e => e.At >= from);
        if (query.To is { } to) q = q.Where(e => e.At < to);
        var total = await q.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await q.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size)
            .Select(e => new AuditLogEntryDto(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.Channel, e.ClientAddress, e.EntityType, e.EntityId, e.Before, e.After))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedResult<AuditLogEntryDto>(items, total, page, size);
    }
}

using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class AuditLogService(IDbContextFactory<PortalDbContext> factory) : IAuditLogService
{
    private const string UserEntity = "user";

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
        var rows = await q.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken).ConfigureAwait(false);

        // Entries keep the ids and the name of the moment; people are shown by who they are now (display name and e-mail).
        var ids = rows.Select(e => e.ActorId).Concat(rows.Where(e => e.EntityType == UserEntity && e.EntityId != null).Select(e => e.EntityId!))
            .Distinct(StringComparer.Ordinal).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.UserName }).ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        string? Person(string? id) =>
            id is not null && people.TryGetValue(id, out var p) ? AuditPeople.Describe(p.DisplayName, p.Email ?? p.UserName) : null;

        var items = rows.Select(e => new AuditLogEntryDto(e.Id, e.At, e.ActorId, e.ActorName, Person(e.ActorId) ?? e.ActorName, e.Action, e.Channel, e.ClientAddress,
            e.EntityType, e.EntityId, e.EntityType == UserEntity ? Person(e.EntityId) : null, e.Before, e.After)).ToList();
        return new PagedResult<AuditLogEntryDto>(items, total, page, size);
    }
}

using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Lets the web host record its own admin actions (e.g. roles synced from single sign-on) in the audit log.</summary>
public static class AuditWriterAccess
{
    /// <summary>Adds an entry to the context; it is saved with the context's next SaveChanges.</summary>
    public static void Add(PortalDbContext db, PortalActor actor, string action, string entityType, string? entityId, object? before, object? after, DateTime at) =>
        AuditWriter.Add(db, actor, action, entityType, entityId, before, after, at);
}

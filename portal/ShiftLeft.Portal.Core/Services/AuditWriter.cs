using System.Text.Json;
using System.Text.Json.Serialization;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Adds audit entries to the same context (and so the same transaction) as the change they describe.</summary>
internal static class AuditWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Add(PortalDbContext db, PortalActor actor, string action, string entityType, string? entityId, object? before, object? after, DateTime at) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            At = at,
            ActorId = actor.UserId,
            ActorName = actor.UserName,
            Action = action,
            Channel = actor.Channel,
            ClientAddress = actor.ClientAddress,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
}

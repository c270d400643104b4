using System.Collections.Concurrent;

namespace SupportAssistant.Compliance;

/// <summary>Marks an audit-log method or class. ShiftLeft recognises it by its simple name.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AuditLogAttribute : Attribute
{
}

/// <summary>The assistant's audit trail (EU AI Act Art. 12 record-keeping). In-memory here; a real one writes to durable storage.</summary>
[AuditLog]
public static class AuditTrail
{
    private static readonly ConcurrentQueue<(DateTimeOffset At, string Event, object Detail)> Entries = new();

    public static void Record(string eventName, object detail) => Entries.Enqueue((DateTimeOffset.UtcNow, eventName, detail));

    public static int Count => Entries.Count;
}

namespace ShiftLeft.Portal.Core.Services;

/// <summary>All filters optional. <see cref="Action"/> matches a prefix (e.g. <c>finding.</c>).</summary>
public sealed record AuditLogQuery(string? Actor = null, string? Action = null, string? EntityType = null, string? EntityId = null, DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50);

namespace ShiftLeft.Portal.Core.Security;

/// <summary>Where a request came from, for the audit log: its channel (<see cref="AuditChannels"/>) and the client's address.</summary>
public sealed record RequestOrigin(string Channel, string? ClientAddress);

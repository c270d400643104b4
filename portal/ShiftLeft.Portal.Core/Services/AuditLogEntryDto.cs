namespace ShiftLeft.Portal.Core.Services;

/// <summary>
/// One entry. <see cref="Actor"/> is the actor's display name and e-mail as they are now (<see cref="ActorName"/>, the name
/// recorded at the time, when the account is gone or for the system); <see cref="Entity"/> likewise for a user the entry is
/// about. <see cref="Channel"/> (UI, API, System) and <see cref="ClientAddress"/> are null on entries written before they were recorded.
/// </summary>
public sealed record AuditLogEntryDto(
    long Id, DateTime At, string ActorId, string ActorName, string Actor, string Action, string? Channel, string? ClientAddress, string EntityType,
    string? EntityId, string? Entity, string? Before, string? After);

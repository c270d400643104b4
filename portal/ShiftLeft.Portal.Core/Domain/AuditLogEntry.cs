namespace ShiftLeft.Portal.Core.Domain;

/// <summary>
/// Append-only record of a triage or admin action. The database refuses UPDATE and DELETE on this table (triggers on
/// both providers) and the context refuses to save modified or deleted entries.
/// </summary>
public class AuditLogEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }

    /// <summary>Dotted action name, see <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>How the action arrived: UI, API or System (<see cref="Security.AuditChannels"/>); null on entries older than the field.</summary>
    public string? Channel { get; set; }

    /// <summary>The client's IP address (null for the system, and on entries older than the field).</summary>
    public string? ClientAddress { get; set; }

    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>JSON of the state before the action (null for creations).</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the state after the action (null for deletions).</summary>
    public string? After { get; set; }
}

/// <summary>Action names written to the audit log.</summary>
public static class AuditActions
{
    public const string FindingDismissed = "finding.dismissed";
    public const string FindingRiskAccepted = "finding.risk-accepted";
    public const string FindingReopened = "finding.reopened";
    public const string FindingAcceptanceExpired = "finding.acceptance-expired";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string UserCreated = "user.created";
    public const string UserRolesChanged = "user.roles-changed";
    public const string UserLockedOut = "user.locked-out";
    public const string UserUnlocked = "user.unlocked";
    public const string AdminBootstrapped = "admin.bootstrapped";
    public const string RepositoryDefaultBranchChanged = "repository.default-branch-changed";
    public const string AuditPackageExported = "export.audit-package";
}

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// Risk acceptance with four eyes (docs/portal.md "Risk acceptance with four eyes"). A triager requests (for findings
/// through triage's AcceptRisk, for an evidence requirement here); someone else with the approver role approves or
/// rejects. Requester ≠ approver and the expiry bound are enforced here, whichever channel calls.
/// </summary>
public interface IRiskAcceptanceService
{
    Task<RiskAcceptanceDto> RequestExceptionAsync(RequestExceptionCommand command, Security.PortalActor actor, CancellationToken cancellationToken = default);

    Task<RiskAcceptanceDto> ApproveAsync(long id, string? comment, Security.PortalActor actor, CancellationToken cancellationToken = default);

    Task<RiskAcceptanceDto> RejectAsync(long id, string? comment, Security.PortalActor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RiskAcceptanceDto>> ListAsync(RiskAcceptanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Approved acceptances whose expiry is within the warning window (Portal:Governance:ExpiryWarningDays), soonest first.</summary>
    Task<IReadOnlyList<RiskAcceptanceDto>> ExpiringSoonAsync(CancellationToken cancellationToken = default);

    /// <summary>The signed record of an approved exception (requirement scope), or null.</summary>
    Task<SignedRecord?> ExportAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The signed records of a system's approved exceptions that have not lapsed: what the gate reads.</summary>
    Task<IReadOnlyList<SignedRecord>> CurrentRecordsAsync(long aiSystemId, CancellationToken cancellationToken = default);
}

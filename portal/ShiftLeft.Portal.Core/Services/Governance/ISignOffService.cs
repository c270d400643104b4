using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// Release sign-off (docs/portal.md "Release sign-off"): an approver signs the evidence report of one commit; the
/// record is append-only and exported signed with the portal's key, in the form the gate verifies (SL1010).
/// </summary>
public interface ISignOffService
{
    /// <summary>Signs off evidence report <paramref name="evidenceReportId"/> of AI system <paramref name="aiSystemId"/> (400 when it is another system's).</summary>
    Task<SignOffDto> SignAsync(long aiSystemId, long evidenceReportId, string? comment, PortalActor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SignOffDto>> ListAsync(long aiSystemId, CancellationToken cancellationToken = default);

    Task<SignedRecord?> ExportAsync(long signOffId, CancellationToken cancellationToken = default);

    /// <summary>The latest sign-off of exactly this evidence of the system, or null: what the gate asks online.</summary>
    Task<SignedRecord?> FindAsync(long aiSystemId, string evidenceSha256, CancellationToken cancellationToken = default);
}

using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services.Governance;

/// <summary>
/// Accepted baselines (docs/portal.md "Baselines"): an admin or the system's owner accepts an evidence report of the
/// repository's default branch; the latest acceptance is what the gate is given as "the portal's baseline".
/// </summary>
public interface IBaselineService
{
    /// <summary>Accepts evidence report <paramref name="evidenceReportId"/> of AI system <paramref name="aiSystemId"/> (400 when it is another system's).</summary>
    Task<BaselineDto> AcceptAsync(long aiSystemId, long evidenceReportId, PortalActor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BaselineDto>> ListAsync(long aiSystemId, CancellationToken cancellationToken = default);

    /// <summary>The current baseline as a shiftleft-baseline.json document (docs/schema/shiftleft-baseline.schema.json), or null.</summary>
    Task<string?> BaselineFileAsync(long aiSystemId, CancellationToken cancellationToken = default);
}

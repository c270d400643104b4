using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services.Governance;

internal sealed class SignOffService(IDbContextFactory<PortalDbContext> factory, SigningKeyService keys, TimeProvider clock) : ISignOffService
{
    private const int MaxComment = 2000;

    public async Task<SignOffDto> SignAsync(long aiSystemId, long evidenceReportId, string? comment, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandApprove();
        var text = comment?.Trim() ?? "";
        if (text.Length > MaxComment) throw new PortalValidationException($"The comment is longer than {MaxComment} characters.");
        ControlCharacters.RefuseIn(comment, "comment");
        var now = ExportedRecords.Seconds(clock.GetUtcNow().UtcDateTime);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var report = await (from e in db.EvidenceReports.AsNoTracking()
                            join run in db.Runs on e.RunId equals run.Id
                            join system in db.AiSystems on e.AiSystemId equals system.Id
                            where e.Id == evidenceReportId
                            select new { e.Id, e.EvidenceSha256, run.Commit, system.RepositoryId, SystemId = system.Id, system.Name })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new PortalNotFoundException($"Evidence report {evidenceReportId} does not exist.");
        if (report.SystemId != aiSystemId)
            throw new PortalValidationException($"Evidence report {evidenceReportId} is a report of another AI system than {aiSystemId}.");
        if (report.EvidenceSha256 is null)
            throw new PortalValidationException("This evidence report carries no evidenceSha256 (it was written by a ShiftLeft.Build older than release sign-off); build the commit with a current gate and sign that report.");

        var signOff = new ReleaseSignOff
        {
            RepositoryId = report.RepositoryId,
            AiSystemId = report.SystemId,
            EvidenceReportId = report.Id,
            SystemName = report.Name,
            Commit = report.Commit,
            EvidenceSha256 = report.EvidenceSha256,
            SignerId = actor.UserId,
            Signer = await GovernancePeople.NameAsync(db, actor, cancellationToken).ConfigureAwait(false),
            SignedAt = now,
            Comment = PersonalDataRedactor.Redact(text)!,
            KeyId = "",
            Signature = "",
        };
        var (keyId, signature) = await keys.SignAsync(k => ExportedRecords.SignOffPayload(signOff, k), cancellationToken).ConfigureAwait(false);
        (signOff.KeyId, signOff.Signature) = (keyId, signature);
        db.ReleaseSignOffs.Add(signOff);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditWriter.Add(db, actor, AuditActions.ReleaseSignedOff, "ai-system", report.SystemId.ToString(CultureInfo.InvariantCulture), null,
            new { signOffId = signOff.Id, system = signOff.SystemName, signOff.Commit, signOff.EvidenceSha256, evidenceReportId = report.Id, signOff.Signer, signOff.Comment, signOff.KeyId },
            now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ToDto(signOff);
    }

    public async Task<IReadOnlyList<SignOffDto>> ListAsync(long aiSystemId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ReleaseSignOffs.AsNoTracking().Where(s => s.AiSystemId == aiSystemId).OrderByDescending(s => s.Id).Take(200)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToDto).ToList();
    }

    public async Task<SignedRecord?> ExportAsync(long signOffId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.ReleaseSignOffs.AsNoTracking().FirstOrDefaultAsync(s => s.Id == signOffId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ExportedRecords.SignOff(row);
    }

    public async Task<SignedRecord?> FindAsync(long aiSystemId, string evidenceSha256, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.ReleaseSignOffs.AsNoTracking().Where(s => s.AiSystemId == aiSystemId && s.EvidenceSha256 == evidenceSha256)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : ExportedRecords.SignOff(row);
    }

    private static SignOffDto ToDto(ReleaseSignOff s) =>
        new(s.Id, s.AiSystemId, s.SystemName, s.EvidenceReportId, s.Commit, s.EvidenceSha256, s.Signer, s.SignedAt, s.Comment, s.KeyId);
}

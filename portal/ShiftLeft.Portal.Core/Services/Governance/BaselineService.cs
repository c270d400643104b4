using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services.Governance;

internal sealed class BaselineService(IDbContextFactory<PortalDbContext> factory, TimeProvider clock) : IBaselineService
{
    public async Task<BaselineDto> AcceptAsync(long aiSystemId, long evidenceReportId, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandView();
        var now = ExportedRecords.Seconds(clock.GetUtcNow().UtcDateTime);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var report = await (from e in db.EvidenceReports.AsNoTracking()
                            join run in db.Runs on e.RunId equals run.Id
                            join system in db.AiSystems on e.AiSystemId equals system.Id
                            join repository in db.Repositories on system.RepositoryId equals repository.Id
                            where e.Id == evidenceReportId
                            select new { e.Id, e.Json, e.EvidenceSha256, run.Branch, run.Commit, SystemId = system.Id, system.Name, system.Owner, repository.DefaultBranch })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new PortalNotFoundException($"Evidence report {evidenceReportId} does not exist.");
        if (report.SystemId != aiSystemId)
            throw new PortalValidationException($"Evidence report {evidenceReportId} is a report of another AI system than {aiSystemId}.");
        var name = await GovernancePeople.NameAsync(db, actor, cancellationToken).ConfigureAwait(false);
        if (!actor.IsAdmin && !IsOwner(report.Owner, actor, name))
            throw new PortalForbiddenException($"Only an admin or the owner of '{report.Name}' ({report.Owner ?? "no owner declared"}) can accept its baseline.");
        if (!string.Equals(report.Branch, report.DefaultBranch, StringComparison.Ordinal))
            throw new PortalValidationException($"This report was built on '{report.Branch}'; a baseline is accepted from the default branch '{report.DefaultBranch}'.");
        if (report.EvidenceSha256 is null || !HasMeasurements(report.Json))
            throw new PortalValidationException("This evidence report carries no measurements (it was written by a ShiftLeft.Build older than regression rules); accept a report from a current gate.");

        var accepted = new BaselineAcceptance
        {
            AiSystemId = report.SystemId,
            EvidenceReportId = report.Id,
            Branch = report.Branch,
            Commit = report.Commit,
            AcceptedById = actor.UserId,
            AcceptedBy = name,
            AcceptedAt = now,
        };
        db.BaselineAcceptances.Add(accepted);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditWriter.Add(db, actor, AuditActions.BaselineAccepted, "ai-system", report.SystemId.ToString(CultureInfo.InvariantCulture), null,
            new { baselineId = accepted.Id, system = report.Name, evidenceReportId = report.Id, accepted.Branch, accepted.Commit, report.EvidenceSha256 }, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ToDto(accepted);
    }

    public async Task<IReadOnlyList<BaselineDto>> ListAsync(long aiSystemId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.BaselineAcceptances.AsNoTracking().Where(b => b.AiSystemId == aiSystemId).OrderByDescending(b => b.Id).Take(200)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToDto).ToList();
    }

    public async Task<string?> BaselineFileAsync(long aiSystemId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var current = await CurrentAsync(db, aiSystemId, cancellationToken).ConfigureAwait(false);
        if (current is null) return null;
        var system = await db.AiSystems.AsNoTracking().Where(a => a.Id == aiSystemId).Select(a => a.Name).FirstAsync(cancellationToken).ConfigureAwait(false);
        var json = await db.EvidenceReports.AsNoTracking().Where(e => e.Id == current.EvidenceReportId).Select(e => e.Json).FirstAsync(cancellationToken).ConfigureAwait(false);
        var document = new JsonObject
        {
            ["$schema"] = DocumentationLinks.Schema("shiftleft-baseline.schema.json"),
            ["format"] = "shiftleft-baseline",
            ["version"] = "1",
            ["systems"] = new JsonObject
            {
                [system] = new JsonObject
                {
                    ["acceptedBy"] = current.AcceptedBy,
                    ["acceptedAt"] = ExportedRecords.Instant(current.AcceptedAt),
                    ["report"] = JsonNode.Parse(json),
                },
            },
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The latest acceptance on the repository's default branch.</summary>
    internal static Task<BaselineAcceptance?> CurrentAsync(PortalDbContext db, long aiSystemId, CancellationToken cancellationToken) =>
        (from b in db.BaselineAcceptances.AsNoTracking()
         join a in db.AiSystems on b.AiSystemId equals a.Id
         join r in db.Repositories on a.RepositoryId equals r.Id
         where b.AiSystemId == aiSystemId && b.Branch == r.DefaultBranch
         orderby b.AcceptedAt descending, b.Id descending
         select b).FirstOrDefaultAsync(cancellationToken);

    // The owner is declared in shiftleft.json as free text: a person matches it by e-mail, display name or user name.
    private static bool IsOwner(string? owner, PortalActor actor, string name) =>
        !string.IsNullOrWhiteSpace(owner) && (GovernancePeople.SamePerson(owner, name) || GovernancePeople.SamePerson(owner, actor.UserName)
            || (name.LastIndexOf(" <", StringComparison.Ordinal) is > 0 and var cut && string.Equals(owner.Trim(), name[..cut], StringComparison.OrdinalIgnoreCase)));

    private static bool HasMeasurements(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("measurements", out var m) && m.ValueKind == JsonValueKind.Array;
    }

    private static BaselineDto ToDto(BaselineAcceptance b) => new(b.Id, b.AiSystemId, b.EvidenceReportId, b.Branch, b.Commit, b.AcceptedBy, b.AcceptedAt);
}

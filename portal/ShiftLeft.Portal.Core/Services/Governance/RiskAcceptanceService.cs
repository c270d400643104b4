using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services.Governance;

internal sealed partial class RiskAcceptanceService(
    IDbContextFactory<PortalDbContext> factory, SigningKeyService keys, IOptions<PortalOptions> options, TimeProvider clock) : IRiskAcceptanceService
{
    private const int MaxReason = 2000;

    public async Task<RiskAcceptanceDto> RequestExceptionAsync(RequestExceptionCommand command, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandTriage();
        var now = clock.GetUtcNow().UtcDateTime;
        var reason = CheckReason(command.Reason);
        CheckExpiry(command.Expires, now, options.Value.Governance);
        var requirement = command.Requirement?.Trim() ?? "";
        if (!RequirementGrammar().IsMatch(requirement))
            throw new PortalValidationException("The requirement must be an evidence kind of the system, e.g. redTeam or dataSheet.");
        var risks = RiskIds.Parse(command.Risks);

        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var system = await db.AiSystems.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.AiSystemId, cancellationToken).ConfigureAwait(false)
            ?? throw new PortalNotFoundException($"AI system {command.AiSystemId} does not exist.");
        // The gate ignores an exception for a requirement the tier does not ask for, and refuses risk ids outside the register.
        var kinds = await db.RequirementEvidence.AsNoTracking().Where(r => r.EvidenceReportId == system.LastReportId).Select(r => r.Kind)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (!kinds.Contains(requirement, StringComparer.Ordinal))
            throw new PortalValidationException($"'{requirement}' is not a requirement of '{system.Name}' in its latest evidence report ({(kinds.Count == 0 ? "none" : string.Join(", ", kinds))}).");
        if (risks.Count > 0)
        {
            var registered = await RegisteredRiskIdsAsync(db, system.LastReportId, cancellationToken).ConfigureAwait(false);
            if (risks.FirstOrDefault(r => !registered.Contains(r)) is { } unknown)
                throw new PortalValidationException($"'{unknown}' is not a risk of '{system.Name}' in its risk register ({(registered.Count == 0 ? "the latest report lists none" : string.Join(", ", registered))}).");
        }

        var acceptance = new RiskAcceptance
        {
            Scope = RiskAcceptanceScope.Requirement,
            RepositoryId = system.RepositoryId,
            AiSystemId = system.Id,
            SystemName = system.Name,
            Requirement = requirement,
            Reason = reason,
            Risks = RiskIds.Join(risks),
            Expires = command.Expires,
            Status = RiskAcceptanceStatus.Pending,
            RequestedById = actor.UserId,
            RequestedByName = await GovernancePeople.NameAsync(db, actor, cancellationToken).ConfigureAwait(false),
            RequestedAt = ExportedRecords.Seconds(now),
        };
        db.RiskAcceptances.Add(acceptance);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditWriter.Add(db, actor, AuditActions.RiskAcceptanceRequested, "risk-acceptance", Id(acceptance), null, Snapshot(acceptance), now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(db, acceptance.Id, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a pending request per finding (triage's AcceptRisk); a finding with a pending request keeps it. Returns how many were added.</summary>
    internal static async Task<int> RequestForFindingsAsync(
        PortalDbContext db, IReadOnlyList<(long Id, long RepositoryId, string Fingerprint, string RuleId)> findings, string reason, DateOnly expires,
        PortalActor actor, DateTime now, CancellationToken cancellationToken)
    {
        var name = await GovernancePeople.NameAsync(db, actor, cancellationToken).ConfigureAwait(false);
        var added = 0;
        foreach (var byRepository in findings.GroupBy(f => f.RepositoryId))
        {
            foreach (var chunk in byRepository.Chunk(400))
            {
                var fingerprints = chunk.Select(c => c.Fingerprint).ToList();
                var pending = await db.RiskAcceptances.AsNoTracking()
                    .Where(a => a.RepositoryId == byRepository.Key && a.Status == RiskAcceptanceStatus.Pending && fingerprints.Contains(a.Fingerprint!))
                    .Select(a => a.Fingerprint!).ToListAsync(cancellationToken).ConfigureAwait(false);
                var requests = chunk.Where(c => !pending.Contains(c.Fingerprint)).Select(c => new RiskAcceptance
                {
                    Scope = RiskAcceptanceScope.Finding,
                    RepositoryId = c.RepositoryId,
                    Fingerprint = c.Fingerprint,
                    FindingId = c.Id,
                    RuleId = c.RuleId,
                    Reason = reason,
                    Expires = expires,
                    Status = RiskAcceptanceStatus.Pending,
                    RequestedById = actor.UserId,
                    RequestedByName = name,
                    RequestedAt = ExportedRecords.Seconds(now),
                }).ToList();
                db.RiskAcceptances.AddRange(requests);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                foreach (var request in requests)
                    AuditWriter.Add(db, actor, AuditActions.RiskAcceptanceRequested, "risk-acceptance", Id(request), null, Snapshot(request), now);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                added += requests.Count;
            }
        }

        return added;
    }

    public async Task<RiskAcceptanceDto> ApproveAsync(long id, string? comment, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandApprove();
        var now = clock.GetUtcNow().UtcDateTime;
        var note = CheckComment(comment);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // An exception is signed: the key is created (a write of its own) before this transaction takes SQLite's write lock.
        if (await db.RiskAcceptances.AnyAsync(a => a.Id == id && a.Scope == RiskAcceptanceScope.Requirement, cancellationToken).ConfigureAwait(false))
            await keys.GetPublicKeyAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var acceptance = await PendingAsync(db, id, cancellationToken).ConfigureAwait(false);
        var approver = await GovernancePeople.NameAsync(db, actor, cancellationToken).ConfigureAwait(false);
        // Four eyes: the same account, or an account with the requester's name or e-mail address, cannot approve.
        if (acceptance.RequestedById == actor.UserId || GovernancePeople.SamePerson(acceptance.RequestedByName, approver))
            throw new PortalForbiddenException($"{approver} requested this risk acceptance and cannot approve it: a second person with the approver role must.");
        if (acceptance.Expires < DateOnly.FromDateTime(now))
            throw new PortalValidationException($"This request expired on {ExportedRecords.Day(acceptance.Expires)} before anyone approved it; reject it and request again.");
        CheckExpiry(acceptance.Expires, now, options.Value.Governance);

        var before = Snapshot(acceptance);
        acceptance.Status = RiskAcceptanceStatus.Approved;
        acceptance.DecidedById = actor.UserId;
        acceptance.DecidedByName = approver;
        acceptance.DecidedAt = ExportedRecords.Seconds(now);
        acceptance.DecisionComment = note;
        if (acceptance.Scope == RiskAcceptanceScope.Requirement)
        {
            var (keyId, signature) = await keys.SignAsync(k => ExportedRecords.ExceptionPayload(acceptance, k), cancellationToken).ConfigureAwait(false);
            (acceptance.KeyId, acceptance.Signature) = (keyId, signature);
        }

        AuditWriter.Add(db, actor, AuditActions.RiskAcceptanceApproved, "risk-acceptance", Id(acceptance), before, Snapshot(acceptance), now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (acceptance.Scope == RiskAcceptanceScope.Finding)
        {
            var finding = await db.Findings.AsNoTracking().Where(f => f.RepositoryId == acceptance.RepositoryId && f.Fingerprint == acceptance.Fingerprint)
                .OrderBy(f => f.Id == acceptance.FindingId ? 0 : 1).Select(f => new { f.Id, f.RepositoryId, f.Fingerprint, f.Triage })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (finding is not null)
            {
                // The finding stays accepted through the end of its last day (UTC; one microsecond before midnight, the
                // finest instant both databases store) and the sweep reopens it after that.
                var lapses = acceptance.Expires.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddTicks(-10);
                var command = new TriageCommand(TriageAction.AcceptRisk, acceptance.Reason, ExpiresAt: lapses) { ApprovedBy = approver };
                db.ChangeTracker.Clear();
                await TriageService.RecordAsync(db, [(finding.Id, finding.RepositoryId, finding.Fingerprint, finding.Triage)], command, actor, now, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(db, id, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RiskAcceptanceDto> RejectAsync(long id, string? comment, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandApprove();
        var now = clock.GetUtcNow().UtcDateTime;
        var note = CheckComment(comment);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var acceptance = await PendingAsync(db, id, cancellationToken).ConfigureAwait(false);
        var before = Snapshot(acceptance);
        acceptance.Status = RiskAcceptanceStatus.Rejected;
        acceptance.DecidedById = actor.UserId;
        acceptance.DecidedByName = await GovernancePeople.NameAsync(db, actor, cancellationToken).ConfigureAwait(false);
        acceptance.DecidedAt = ExportedRecords.Seconds(now);
        acceptance.DecisionComment = note;
        AuditWriter.Add(db, actor, AuditActions.RiskAcceptanceRejected, "risk-acceptance", Id(acceptance), before, Snapshot(acceptance), now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(db, id, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RiskAcceptanceDto>> ListAsync(RiskAcceptanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = db.RiskAcceptances.AsNoTracking();
        if (query.Status is { } status) rows = rows.Where(a => a.Status == status);
        if (query.AiSystemId is { } system) rows = rows.Where(a => a.AiSystemId == system);
        if (query.RepositoryId is { } repository) rows = rows.Where(a => a.RepositoryId == repository);
        return await Project(db, rows.OrderByDescending(a => a.Id).Take(500), now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RiskAcceptanceDto>> ExpiringSoonAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var horizon = today.AddDays(Math.Clamp(options.Value.Governance.ExpiryWarningDays, 0, 365));
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = db.RiskAcceptances.AsNoTracking()
            .Where(a => a.Status == RiskAcceptanceStatus.Approved && a.Expires >= today && a.Expires <= horizon)
            .OrderBy(a => a.Expires).ThenBy(a => a.Id).Take(100);
        return await Project(db, rows, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SignedRecord?> ExportAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var acceptance = await db.RiskAcceptances.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        return acceptance is { Status: RiskAcceptanceStatus.Approved, Scope: RiskAcceptanceScope.Requirement, Signature: not null } ? ExportedRecords.Exception(acceptance) : null;
    }

    public async Task<IReadOnlyList<SignedRecord>> CurrentRecordsAsync(long aiSystemId, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.RiskAcceptances.AsNoTracking()
            .Where(a => a.AiSystemId == aiSystemId && a.Scope == RiskAcceptanceScope.Requirement && a.Status == RiskAcceptanceStatus.Approved && a.Expires >= today && a.Signature != null)
            .OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ExportedRecords.Exception).ToList();
    }

    /// <summary>Required, future, and within the configured bound from today (the gate counts from the approval, which is later).</summary>
    internal static void CheckExpiry(DateOnly expires, DateTime now, GovernanceOptions governance)
    {
        var today = DateOnly.FromDateTime(now);
        var max = Math.Clamp(governance.MaxRiskAcceptanceDays, 1, 3650);
        if (expires < today)
            throw new PortalValidationException("A risk acceptance needs an expiry date that is today or later.");
        if (expires > today.AddDays(max))
            throw new PortalValidationException($"A risk acceptance can run for at most {max} days: choose an expiry on or before {ExportedRecords.Day(today.AddDays(max))}.");
    }

    internal static string CheckReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new PortalValidationException("A risk acceptance needs a reason saying why the risk is acceptable.");
        if (reason.Length > MaxReason) throw new PortalValidationException($"The reason is longer than {MaxReason} characters.");
        ControlCharacters.RefuseIn(reason, "reason");
        return PersonalDataRedactor.Redact(reason.Trim())!;
    }

    private static string? CheckComment(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment)) return null;
        if (comment.Length > MaxReason) throw new PortalValidationException($"The comment is longer than {MaxReason} characters.");
        ControlCharacters.RefuseIn(comment, "comment");
        return PersonalDataRedactor.Redact(comment.Trim());
    }

    private static async Task<RiskAcceptance> PendingAsync(PortalDbContext db, long id, CancellationToken cancellationToken)
    {
        var acceptance = await db.RiskAcceptances.FirstOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new PortalNotFoundException($"Risk acceptance {id} does not exist.");
        if (acceptance.Status != RiskAcceptanceStatus.Pending)
            throw new PortalValidationException($"Risk acceptance {id} was already {acceptance.Status.ToString().ToLowerInvariant()} by {acceptance.DecidedByName}.");
        return acceptance;
    }

    internal static async Task<HashSet<string>> RegisteredRiskIdsAsync(PortalDbContext db, long? reportId, CancellationToken cancellationToken)
    {
        var json = await db.EvidenceReports.AsNoTracking().Where(e => e.Id == reportId).Select(e => e.Json).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return json is null ? [] : GovernanceReport.Parse(json).RegisteredRisks.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<RiskAcceptanceDto> GetAsync(PortalDbContext db, long id, DateTime now, CancellationToken cancellationToken) =>
        (await Project(db, db.RiskAcceptances.AsNoTracking().Where(a => a.Id == id), now, cancellationToken).ConfigureAwait(false)).Single();

    private static async Task<IReadOnlyList<RiskAcceptanceDto>> Project(PortalDbContext db, IQueryable<RiskAcceptance> rows, DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var list = await (from a in rows
                          join r in db.Repositories on a.RepositoryId equals r.Id
                          select new { a, r.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return list.Select(x => new RiskAcceptanceDto(
            x.a.Id, x.a.Scope, x.a.RepositoryId, x.Name, x.a.FindingId, x.a.RuleId, x.a.AiSystemId, x.a.SystemName, x.a.Requirement, x.a.Reason,
            RiskIds.Split(x.a.Risks), x.a.Expires, x.a.Status, x.a.Status == RiskAcceptanceStatus.Approved && x.a.Expires < today,
            x.a.RequestedByName, x.a.RequestedById, x.a.RequestedAt, x.a.DecidedByName, x.a.DecidedAt, x.a.DecisionComment,
            x.a.Status == RiskAcceptanceStatus.Approved && x.a.Signature is not null)).ToList();
    }

    private static string Id(RiskAcceptance a) => a.Id.ToString(CultureInfo.InvariantCulture);

    private static object Snapshot(RiskAcceptance a) => new
    {
        scope = a.Scope, a.RepositoryId, a.Fingerprint, a.FindingId, a.AiSystemId, system = a.SystemName, requirement = a.Requirement, reason = a.Reason,
        risks = RiskIds.Split(a.Risks), expires = ExportedRecords.Day(a.Expires), status = a.Status, requestedBy = a.RequestedByName,
        decidedBy = a.DecidedByName, decidedAt = a.DecidedAt, comment = a.DecisionComment, keyId = a.KeyId,
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequirementGrammar();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class TriageService(IDbContextFactory<PortalDbContext> factory, TimeProvider clock) : ITriageService
{
    private const int Chunk = 400;

    public async Task<TriageOutcome> ApplyAsync(long findingId, TriageCommand command, PortalActor actor, CancellationToken cancellationToken = default)
    {
        var outcome = await ApplyToManyAsync([findingId], command, actor, cancellationToken).ConfigureAwait(false);
        if (outcome.Matched == 0) throw new PortalNotFoundException($"Finding {findingId} does not exist.");
        return new TriageOutcome(findingId, StatusOf(command), outcome.FindingsUpdated);
    }

    public async Task<BulkTriageOutcome> ApplyToFilterAsync(FindingFilter filter, TriageCommand command, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        actor.DemandTriage();
        Validate(command, clock.GetUtcNow().UtcDateTime);
        List<long> ids;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            ids = await FindingQueries.Apply(db, filter).OrderBy(f => f.Id).Select(f => f.Id).Take(TriageLimits.MaxBulk + 1)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        if (ids.Count > TriageLimits.MaxBulk)
            throw new PortalValidationException($"The filter matches more than {TriageLimits.MaxBulk} findings; narrow it before triaging in bulk.");
        return await ApplyToManyAsync(ids, command, actor, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BulkTriageOutcome> ApplyToManyAsync(IReadOnlyCollection<long> findingIds, TriageCommand command, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findingIds);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandTriage();
        var now = clock.GetUtcNow().UtcDateTime;
        Validate(command, now);
        if (findingIds.Count > TriageLimits.MaxBulk)
            throw new PortalValidationException($"At most {TriageLimits.MaxBulk} findings can be triaged at once.");

        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var targets = new List<(long Id, long RepositoryId, string Fingerprint, TriageStatus Triage)>(findingIds.Count);
        foreach (var chunk in findingIds.Distinct().Chunk(Chunk))
        {
            var rows = await db.Findings.AsNoTracking().Where(f => chunk.Contains(f.Id))
                .Select(f => new { f.Id, f.RepositoryId, f.Fingerprint, f.Triage }).ToListAsync(cancellationToken).ConfigureAwait(false);
            targets.AddRange(rows.Select(r => (r.Id, r.RepositoryId, r.Fingerprint, r.Triage)));
        }

        // One decision per repository + fingerprint: the same finding on two branches is one decision.
        var decisions = targets.GroupBy(t => (t.RepositoryId, t.Fingerprint)).Select(g => g.First()).ToList();
        var updated = await RecordAsync(db, decisions, command, actor, now, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new BulkTriageOutcome(targets.Count, decisions.Count, updated);
    }

    public async Task<int> ExpireAcceptedRisksAsync(CancellationToken cancellationToken = default)
    {
        var reopened = 0;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // One sweep at a time across instances; one that finds the lock taken leaves the work to the holder. The lock
            // is taken before reading, so a sweep that follows another sees its reopenings and finds nothing left to do.
            if (!await PortalLocks.TryInTransactionAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), PortalLocks.ExpirySweep, cancellationToken).ConfigureAwait(false))
                return reopened;
            var expired = await db.Findings.AsNoTracking()
                .Where(f => f.Triage == TriageStatus.AcceptedRisk && f.TriageExpiresAt != null && f.TriageExpiresAt < now)
                .OrderBy(f => f.Id)
                .Select(f => new { f.Id, f.RepositoryId, f.Fingerprint, f.Triage }).Take(TriageLimits.MaxBulk).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (expired.Count == 0) return reopened;
            var decisions = expired.GroupBy(e => (e.RepositoryId, e.Fingerprint)).Select(g => g.First()).Select(e => (e.Id, e.RepositoryId, e.Fingerprint, e.Triage)).ToList();
            var command = new TriageCommand(TriageAction.Reopen, "Accepted risk expired.");
            await RecordAsync(db, decisions, command, PortalActor.System, now, cancellationToken, AuditActions.FindingAcceptanceExpired).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            reopened += decisions.Count;
            if (expired.Count < TriageLimits.MaxBulk) return reopened;
        }
    }

    private static async Task<int> RecordAsync(
        PortalDbContext db,
        List<(long Id, long RepositoryId, string Fingerprint, TriageStatus Triage)> decisions,
        TriageCommand command,
        PortalActor actor,
        DateTime now,
        CancellationToken cancellationToken,
        string? auditAction = null)
    {
        var status = StatusOf(command);
        var expires = command.Action == TriageAction.AcceptRisk ? command.ExpiresAt : null;
        var comment = PersonalDataRedactor.Redact(command.Comment?.Trim());
        var action = auditAction ?? command.Action switch
        {
            TriageAction.Dismiss => AuditActions.FindingDismissed,
            TriageAction.AcceptRisk => AuditActions.FindingRiskAccepted,
            _ => AuditActions.FindingReopened,
        };
        var updated = 0;
        // Decisions of a repository are written one transaction at a time, on every instance: two writers would each retire
        // the current decision and add their own, leaving two current ones (which the schema refuses). Ascending order,
        // so two transactions spanning the same repositories cannot wait for each other.
        var byRepositories = decisions.GroupBy(d => d.RepositoryId).OrderBy(g => g.Key).ToList();
        foreach (var repository in byRepositories)
        {
            await PortalLocks.InTransactionAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(),
                PortalLocks.Triage(repository.Key), cancellationToken).ConfigureAwait(false);
        }

        foreach (var byRepository in byRepositories)
        {
            var repositoryId = byRepository.Key;
            foreach (var chunk in byRepository.Chunk(Chunk))
            {
                var fingerprints = chunk.Select(c => c.Fingerprint).ToList();
                await db.TriageDecisions.Where(t => t.RepositoryId == repositoryId && t.IsCurrent && fingerprints.Contains(t.Fingerprint))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.IsCurrent, false), cancellationToken).ConfigureAwait(false);
                var open = status == TriageStatus.None;
                updated += await db.Findings.Where(f => f.RepositoryId == repositoryId && fingerprints.Contains(f.Fingerprint))
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(f => f.Triage, status)
                        .SetProperty(f => f.TriageExpiresAt, expires)
                        .SetProperty(f => f.IsOpen, f => open && f.State != FindingState.Fixed && !f.IsSuppressed), cancellationToken).ConfigureAwait(false);
                foreach (var target in chunk)
                {
                    db.TriageDecisions.Add(new TriageDecision
                    {
                        RepositoryId = repositoryId,
                        Fingerprint = target.Fingerprint,
                        FindingId = target.Id,
                        Status = status,
                        Comment = comment,
                        ApprovedBy = command.Action == TriageAction.AcceptRisk ? command.ApprovedBy?.Trim() : null,
                        ExpiresAt = expires,
                        DecidedById = actor.UserId,
                        DecidedByName = actor.UserName,
                        DecidedAt = now,
                        IsCurrent = true,
                    });
                    AuditWriter.Add(db, actor, action, "finding", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        new { repositoryId, target.Fingerprint, triage = target.Triage },
                        new { repositoryId, target.Fingerprint, triage = status, comment, approvedBy = command.ApprovedBy, expiresAt = expires },
                        now);
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
            }

            await RepositoryStats.RecomputeAsync(db, repositoryId, cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    private static TriageStatus StatusOf(TriageCommand command) => command.Action switch
    {
        TriageAction.Dismiss => command.Reason switch
        {
            DismissReason.FalsePositive => TriageStatus.FalsePositive,
            DismissReason.WontFix => TriageStatus.WontFix,
            DismissReason.UsedInTests => TriageStatus.UsedInTests,
            _ => throw new PortalValidationException("Dismissing needs a reason: false positive, won't fix or used in tests."),
        },
        TriageAction.AcceptRisk => TriageStatus.AcceptedRisk,
        _ => TriageStatus.None,
    };

    private static void Validate(TriageCommand command, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Comment is { Length: > TriageLimits.MaxCommentLength })
            throw new PortalValidationException($"The comment is longer than {TriageLimits.MaxCommentLength} characters.");
        if (command.ApprovedBy is { Length: > TriageLimits.MaxApproverLength })
            throw new PortalValidationException($"The approver's name is longer than {TriageLimits.MaxApproverLength} characters.");
        // Line breaks belong in a comment, not in a name; other control characters belong in neither (docs/portal.md "Hostile input").
        if (ControlCharacters.Any(command.Comment) || command.ApprovedBy?.Any(char.IsControl) == true)
            throw new PortalValidationException("The comment and the approver's name cannot contain control characters.");
        switch (command.Action)
        {
            case TriageAction.Dismiss:
                if (command.Reason is null || !Enum.IsDefined(command.Reason.Value))
                    throw new PortalValidationException("Dismissing needs a reason: false positive, won't fix or used in tests.");
                if (string.IsNullOrWhiteSpace(command.Comment))
                    throw new PortalValidationException("Dismissing needs a comment saying why.");
                break;
            case TriageAction.AcceptRisk:
                if (string.IsNullOrWhiteSpace(command.ApprovedBy))
                    throw new PortalValidationException("Accepting a risk needs the approver's name.");
                if (command.ExpiresAt is not { } expires || expires <= now)
                    throw new PortalValidationException("Accepting a risk needs an expiry date in the future.");
                if (string.IsNullOrWhiteSpace(command.Comment))
                    throw new PortalValidationException("Accepting a risk needs a comment saying why.");
                break;
            case TriageAction.Reopen:
                break;
            default:
                throw new PortalValidationException($"Unknown triage action '{command.Action}'.");
        }
    }
}

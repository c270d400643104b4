using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services.Governance;

namespace ShiftLeft.Portal.Core.Services;

internal sealed class TriageService(IDbContextFactory<PortalDbContext> factory, IOptions<PortalOptions> options, TimeProvider clock) : ITriageService
{
    private const int Chunk = 400;

    public async Task<TriageOutcome> ApplyAsync(long findingId, TriageCommand command, PortalActor actor, CancellationToken cancellationToken = default)
    {
        var outcome = await ApplyToManyAsync([findingId], command, actor, cancellationToken).ConfigureAwait(false);
        if (outcome.Matched == 0) throw new PortalNotFoundException($"Finding {findingId} does not exist.");
        return command.Action == TriageAction.AcceptRisk
            ? new TriageOutcome(findingId, TriageStatus.None, 0, PendingApproval: true)
            : new TriageOutcome(findingId, StatusOf(command), outcome.FindingsUpdated);
    }

    public async Task<BulkTriageOutcome> ApplyToFilterAsync(FindingFilter filter, TriageCommand command, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        actor.DemandTriage();
        Validate(command, clock.GetUtcNow().UtcDateTime, options.Value.Governance);
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
        Validate(command, now, options.Value.Governance);
        if (findingIds.Count > TriageLimits.MaxBulk)
            throw new PortalValidationException($"At most {TriageLimits.MaxBulk} findings can be triaged at once.");

        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var targets = new List<(long Id, long RepositoryId, string Fingerprint, TriageStatus Triage, string RuleId)>(findingIds.Count);
        foreach (var chunk in findingIds.Distinct().Chunk(Chunk))
        {
            var rows = await db.Findings.AsNoTracking().Where(f => chunk.Contains(f.Id))
                .Select(f => new { f.Id, f.RepositoryId, f.Fingerprint, f.Triage, f.RuleId }).ToListAsync(cancellationToken).ConfigureAwait(false);
            targets.AddRange(rows.Select(r => (r.Id, r.RepositoryId, r.Fingerprint, r.Triage, r.RuleId)));
        }

        // One decision per repository + fingerprint: the same finding on two branches is one decision.
        var decisions = targets.GroupBy(t => (t.RepositoryId, t.Fingerprint)).Select(g => g.First()).ToList();
        if (command.Action == TriageAction.AcceptRisk)
        {
            // Four eyes: accepting a risk is a request; the finding stays open until another person approves it.
            var requested = await RiskAcceptanceService.RequestForFindingsAsync(db, decisions.Select(d => (d.Id, d.RepositoryId, d.Fingerprint, d.RuleId)).ToList(),
                RiskAcceptanceService.CheckReason(command.Comment), DateOnly.FromDateTime(command.ExpiresAt!.Value), actor, now, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new BulkTriageOutcome(targets.Count, decisions.Count, 0, requested);
        }

        var updated = await RecordAsync(db, decisions.Select(d => (d.Id, d.RepositoryId, d.Fingerprint, d.Triage)).ToList(), command, actor, now, cancellationToken).ConfigureAwait(false);
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

    internal static async Task<int> RecordAsync(
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
                        ApprovedBy = command.Action == TriageAction.AcceptRisk ? command.ApprovedBy : null,
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

    private static void Validate(TriageCommand command, DateTime now, GovernanceOptions governance)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Comment is { Length: > TriageLimits.MaxCommentLength })
            throw new PortalValidationException($"The comment is longer than {TriageLimits.MaxCommentLength} characters.");
        // Line breaks belong in a comment; other control characters do not (docs/portal.md "Hostile input").
        ControlCharacters.RefuseIn(command.Comment, "comment");
        switch (command.Action)
        {
            case TriageAction.Dismiss:
                if (command.Reason is null || !Enum.IsDefined(command.Reason.Value))
                    throw new PortalValidationException("Dismissing needs a reason: false positive, won't fix or used in tests.");
                if (string.IsNullOrWhiteSpace(command.Comment))
                    throw new PortalValidationException("Dismissing needs a comment saying why.");
                break;
            case TriageAction.AcceptRisk:
                if (command.ExpiresAt is not { } expires)
                    throw new PortalValidationException("Accepting a risk needs an expiry date.");
                RiskAcceptanceService.CheckExpiry(DateOnly.FromDateTime(expires), now, governance);
                if (string.IsNullOrWhiteSpace(command.Comment))
                    throw new PortalValidationException("Accepting a risk needs a comment saying why.");
                if (command.Comment.Length > 2000)
                    throw new PortalValidationException("The reason for accepting a risk is longer than 2000 characters.");
                break;
            case TriageAction.Reopen:
                break;
            default:
                throw new PortalValidationException($"Unknown triage action '{command.Action}'.");
        }
    }
}

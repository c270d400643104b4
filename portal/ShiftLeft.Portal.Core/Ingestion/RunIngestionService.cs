using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// One upload = one database transaction: repository and run rows, findings and occurrences through the raw bulk
/// writer while the SARIF streams, then set-based SQL for lifecycle (unchanged / reintroduced / fixed), evidence, rule
/// catalogue and statistics. Any error before the commit rolls everything back.
/// </summary>
internal sealed class RunIngestionService(PortalDatabase database, IOptions<PortalOptions> options, OwaspCategoryMap owasp, TimeProvider clock) : IRunIngestionService
{
    private const int MaxAttempts = 3;

    public Task<IngestionResult> IngestAsync(IngestionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The parser and bulk writer are synchronous by design (tight loop, no per-row awaits): keep them off the caller's thread.
        return Task.Run(() => IngestWithRetryAsync(request, cancellationToken), cancellationToken);
    }

    private async Task<IngestionResult> IngestWithRetryAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        var limits = options.Value.Ingestion;
        IngestionMetadata.Validate(request);
        if (request.Sarif.Count == 0 && request.Evidence.Count == 0)
            throw new IngestionException(IngestionErrorKind.InvalidMetadata, "Nothing to ingest: send a SARIF log (part 'sarif') and/or an evidence report (part 'evidence').");

        var evidence = new List<ParsedEvidence>();
        foreach (var stream in request.Evidence)
        {
            using var payload = PayloadStreams.Open(stream, limits.MaxEvidenceBytes, "evidence report");
            evidence.Add(Translate(() => EvidenceReportParser.Parse(payload, limits.MaxDepth)));
        }

        if (evidence.GroupBy(e => e.SystemName, StringComparer.Ordinal).Any(g => g.Count() > 1))
            throw new IngestionException(IngestionErrorKind.MalformedEvidence, "Two evidence reports in one upload name the same AI system.");

        var starts = request.Sarif.Select(s => s.CanSeek ? s.Position : -1).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await IngestOnceAsync(request, evidence, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex) when (attempt < MaxAttempts && IsConflict(ex) && starts.All(p => p >= 0))
            {
                // Another instance created the same repository or run concurrently: retry; the second attempt sees it.
                for (var i = 0; i < starts.Length; i++) request.Sarif[i].Position = starts[i];
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts && ex.InnerException is DbException inner && IsConflict(inner) && starts.All(p => p >= 0))
            {
                for (var i = 0; i < starts.Length; i++) request.Sarif[i].Position = starts[i];
            }
        }
    }

    private async Task<IngestionResult> IngestOnceAsync(IngestionRequest request, List<ParsedEvidence> evidence, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // SQLite: BEGIN IMMEDIATE (takes the write lock now; concurrent uploads queue on busy_timeout).
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var db = database.CreateDbContext(connection);
        await db.Database.UseTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        var canonicalName = RepositoryNames.Canonical(request.Repository);

        // PostgreSQL: uploads to the same repository queue behind each other (SQLite's IMMEDIATE transaction does this
        // for every upload); lifecycle needs the previous run's findings committed. Other repositories run in parallel.
        await PortalLocks.InTransactionAsync(connection, transaction, PortalLocks.Repository(canonicalName), cancellationToken).ConfigureAwait(false);

        var repository = await db.Repositories.FirstOrDefaultAsync(r => r.CanonicalName == canonicalName, cancellationToken).ConfigureAwait(false);
        if (repository is null)
        {
            repository = new Repository { Name = request.Repository, CanonicalName = canonicalName, DefaultBranch = request.Branch, CreatedAt = now };
            db.Repositories.Add(repository);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var existingRun = await db.Runs.AsNoTracking()
            .FirstOrDefaultAsync(r => r.RepositoryId == repository.Id && r.Commit == request.Commit && r.BuildId == request.BuildId, cancellationToken).ConfigureAwait(false);
        if (existingRun is not null)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return await ReplayAsync(existingRun, repository, cancellationToken).ConfigureAwait(false);
        }

        var run = new Run
        {
            RepositoryId = repository.Id,
            Branch = request.Branch,
            Commit = request.Commit,
            BuildId = request.BuildId,
            ReceivedAt = now,
            HasSarif = request.Sarif.Count > 0,
            HasEvidence = evidence.Count > 0,
            IngestionTokenId = request.TokenId,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var warnings = evidence.SelectMany(e => e.Warnings).ToList();
        if (run.HasSarif)
        {
            var findings = new SarifRunIngestion(connection, transaction, repository, run, now, options.Value.Ingestion, owasp, request.SourceRoot);
            await findings.RunAsync(request.Sarif, cancellationToken).ConfigureAwait(false);
            warnings.AddRange(findings.Warnings);
            await UpsertRulesAsync(db, repository.Id, findings, cancellationToken).ConfigureAwait(false);
        }

        var systems = await EvidenceStore.SaveAsync(db, repository, run, evidence, now, cancellationToken).ConfigureAwait(false);
        run.GatePassed = evidence.Count == 0 ? null : evidence.All(e => e.GatePassed);
        run.DurationMs = (int)stopwatch.ElapsedMilliseconds;
        repository.LastRunAt = now;
        repository.LastRunId = run.Id;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (run.HasSarif && request.Branch == repository.DefaultBranch)
            await RepositoryStats.RecomputeAsync(db, repository.Id, cancellationToken).ConfigureAwait(false);
        if (request.TokenId is { } tokenId)
            await IngestionTokenService.RecordUseAsync(db, tokenId, repository.Name, TokenUseOutcome.Accepted, run.Id, null, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        return new IngestionResult(run.Id, repository.Id, repository.Name, run.Branch, run.Commit, run.BuildId, false, run.ResultCount, run.NewCount,
            run.UnchangedCount, run.FixedCount, run.ReintroducedCount, run.SuppressedCount, run.OpenCountAfter, systems, run.GatePassed, warnings);
    }

    private async Task<IngestionResult> ReplayAsync(Run run, Repository repository, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var systems = await (from e in db.EvidenceReports join a in db.AiSystems on e.AiSystemId equals a.Id where e.RunId == run.Id select a.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new IngestionResult(run.Id, repository.Id, repository.Name, run.Branch, run.Commit, run.BuildId, true, run.ResultCount, run.NewCount,
            run.UnchangedCount, run.FixedCount, run.ReintroducedCount, run.SuppressedCount, run.OpenCountAfter, systems, run.GatePassed, []);
    }

    /// <summary>
    /// Indexes every rule the run's results name, with the OWASP category their descriptors give (or the configured
    /// override), and keeps what this upload says about rules that are not ShiftLeft's for this repository only:
    /// ShiftLeft's rules are described by the portal's catalogue, never by an upload. A category read from one
    /// repository's log recategorises that repository's findings only. The compiler writes the rule catalogue after the
    /// results, so findings first seen in this run may have been written without it.
    /// </summary>
    private async Task UpsertRulesAsync(PortalDbContext db, long repositoryId, SarifRunIngestion findings, CancellationToken cancellationToken)
    {
        var catalogue = findings.Rules;
        var ids = findings.SeenRuleIds.ToList();
        var known = await db.Rules.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var described = ids.Where(id => catalogue.ContainsKey(id) && !RuleDocumentation.IsShiftLeftRule(id)).ToList();
        var stored = await db.RepositoryRules.Where(r => r.RepositoryId == repositoryId && described.Contains(r.RuleId))
            .ToDictionaryAsync(r => r.RuleId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            if (!known.TryGetValue(id, out var rule))
            {
                rule = new RuleDescriptor { Id = id };
                db.Rules.Add(rule);
            }

            catalogue.TryGetValue(id, out var descriptor);
            // A run that names the rule without describing it keeps what an earlier log said.
            var category = owasp.For(id, descriptor is null ? rule.OwaspCategory : descriptor.OwaspCategory);
            var changed = known.ContainsKey(id) && rule.OwaspCategory != category;
            rule.OwaspCategory = category;
            // Only this repository's findings follow, and only when some may be stale (there is no index on RuleId):
            // another repository's upload must not change what this one shows.
            if (changed || findings.WrittenCategories.Any(written => written.RuleId == id && written.Category != category))
            {
                await db.Findings.Where(f => f.RepositoryId == repositoryId && f.RuleId == id && f.OwaspCategory != category)
                    .ExecuteUpdateAsync(set => set.SetProperty(f => f.OwaspCategory, category), cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var id in described)
        {
            var descriptor = catalogue[id];
            if (!stored.TryGetValue(id, out var uploaded))
            {
                uploaded = new RepositoryRule { RepositoryId = repositoryId, RuleId = id };
                db.RepositoryRules.Add(uploaded);
            }

            uploaded.Title = Truncate(PersonalDataRedactor.Redact(descriptor.Title), 1000) ?? uploaded.Title;
            uploaded.HelpUri = HttpsLinks.OrNull(descriptor.HelpUri) ?? uploaded.HelpUri;
            uploaded.Category = Truncate(descriptor.Category, 200) ?? uploaded.Category;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";

    internal static T Translate<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonStreamException ex)
        {
            throw new IngestionException(IngestionErrorKind.MalformedEvidence, $"Evidence report: line {ex.Line}, byte {ex.BytePosition}: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            throw new IngestionException(IngestionErrorKind.MalformedEvidence, $"Evidence report: the gzip data is corrupt ({ex.Message}).");
        }
    }

    private static bool IsConflict(DbException ex) =>
        ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
        || ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 };
}

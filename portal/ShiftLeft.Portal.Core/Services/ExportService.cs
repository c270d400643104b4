using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ShiftLeft.Portal.Core.Data;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;
using ShiftLeft.Portal.Core.Services.SarifExport;

namespace ShiftLeft.Portal.Core.Services;

/// <summary>Exports stream rows from the database straight to the output; nothing is materialised.</summary>
internal sealed class ExportService(IDbContextFactory<PortalDbContext> factory, IAiSystemService aiSystems, TimeProvider clock) : IExportService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
    private static readonly JsonSerializerOptions Rows = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly JsonSerializerOptions Sarif = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private static readonly string[] CsvHeader =
        ["id", "repository", "branch", "rule", "severity", "owasp", "state", "open", "triage", "suppressed", "path", "line", "column", "message", "fingerprint", "first_seen", "last_seen"];

    public async Task WriteFindingsCsvAsync(FindingFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', CsvHeader)).ConfigureAwait(false);
        await foreach (var f in RowsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            string[] cells =
            [
                f.Id.ToString(CultureInfo.InvariantCulture), f.Repository, f.Branch, f.RuleId, f.Severity.ToString(), f.OwaspCategory ?? "", f.State.ToString(),
                f.IsOpen ? "true" : "false", f.Triage.ToString(), f.IsSuppressed ? "true" : "false", f.Path, f.StartLine.ToString(CultureInfo.InvariantCulture),
                f.StartColumn.ToString(CultureInfo.InvariantCulture), f.Message, f.Fingerprint, f.FirstSeenAt.ToString("O", CultureInfo.InvariantCulture),
                f.LastSeenAt.ToString("O", CultureInfo.InvariantCulture),
            ];
            await writer.WriteLineAsync(string.Join(',', cells.Select(Csv))).ConfigureAwait(false);
        }
    }

    public Task WriteFindingsJsonAsync(FindingFilter filter, Stream output, CancellationToken cancellationToken = default) =>
        // An IAsyncEnumerable is written as a JSON array, row by row, flushing asynchronously as the buffer fills.
        JsonSerializer.SerializeAsync(output, RowsAsync(filter, cancellationToken), Rows, cancellationToken);

    public async Task WriteOpenFindingsSarifAsync(FindingFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Dictionary<string, RuleDescriptor> descriptors;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            // Every rule ever reported (hundreds of rows): the results below pick theirs from it.
            descriptors = await db.Rules.AsNoTracking().ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        }

        var used = new SortedSet<string>(StringComparer.Ordinal);
        async IAsyncEnumerable<SarifResult> ResultsAsync()
        {
            await foreach (var f in RowsAsync(filter with { Visibility = FindingVisibility.Open }, cancellationToken).ConfigureAwait(false))
            {
                used.Add(f.RuleId);
                yield return ToSarif(f);
            }
        }

        SarifTool Tool() => new(new SarifDriver("ShiftLeft Portal", DocumentationLinks.Base, used.Select(id => descriptors.TryGetValue(id, out var d)
            ? new SarifRule(id, d.Title is null ? null : new SarifText(d.Title), HttpsLinks.OrNull(d.HelpUri))
            : new SarifRule(id, null, null)).ToList()));

        await JsonSerializer.SerializeAsync(output, new SarifLog([new SarifRun(ResultsAsync(), Tool)]), Sarif, cancellationToken).ConfigureAwait(false);
    }

    private static SarifResult ToSarif(ExportedFinding f) => new(
        f.RuleId,
        f.Severity switch { FindingSeverity.Error => "error", FindingSeverity.Note => "note", FindingSeverity.None => "none", _ => "warning" },
        new SarifText(f.Message),
        f.Path.Length == 0 ? null :
        [
            new SarifLocation(new SarifPhysicalLocation(
                new SarifArtifactLocation(string.Join('/', f.Path.Split('/').Select(Uri.EscapeDataString)), "SRCROOT"),
                f.StartLine > 0 ? new SarifRegion(f.StartLine, f.StartColumn > 0 ? f.StartColumn : null) : null)),
        ],
        new Dictionary<string, string> { ["shiftleftFingerprint/v1"] = f.Fingerprint },
        f.State switch { FindingState.New => "new", FindingState.Reintroduced => "updated", _ => "unchanged" },
        new SarifResultProperties(f.Repository, f.Branch, f.OwaspCategory));

    public async Task WriteAuditPackageAsync(long aiSystemId, Stream output, PortalActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.DemandView();
        var now = clock.GetUtcNow().UtcDateTime;
        var system = await aiSystems.GetAsync(aiSystemId, cancellationToken).ConfigureAwait(false)
            ?? throw new PortalNotFoundException($"AI system {aiSystemId} does not exist.");
        var repositoryId = system.Summary.RepositoryId;
        var manifest = new List<object>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            async Task AddAsync(string name, Func<Stream, Task> write)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = now;
                await using var entryStream = entry.Open();
                await using var hashing = new HashingStream(entryStream);
                await write(hashing).ConfigureAwait(false);
                await hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
                manifest.Add(new { path = name, sha256 = hashing.HashHex(), bytes = hashing.Length });
            }

            await AddAsync("ai-system.json", s => JsonSerializer.SerializeAsync(s, system, Json, cancellationToken)).ConfigureAwait(false);
            await using (var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                var reports = await db.EvidenceReports.AsNoTracking().Where(e => e.AiSystemId == aiSystemId).OrderByDescending(e => e.Id).Take(100)
                    .Select(e => new { e.Id, e.Json }).ToListAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < reports.Count; i++)
                {
                    var report = reports[i];
                    var name = i == 0 ? "evidence/latest.json" : $"evidence/report-{report.Id}.json";
                    await AddAsync(name, s => s.WriteAsync(Encoding.UTF8.GetBytes(report.Json), cancellationToken).AsTask()).ConfigureAwait(false);
                }

                var decisions = await db.TriageDecisions.AsNoTracking().Where(t => t.RepositoryId == repositoryId).OrderBy(t => t.Id)
                    .Select(t => new { t.Id, t.Fingerprint, t.FindingId, t.Status, t.Comment, t.ApprovedBy, t.ExpiresAt, t.DecidedByName, t.DecidedAt, t.IsCurrent })
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                await AddAsync("triage-history.json", s => JsonSerializer.SerializeAsync(s, decisions, Json, cancellationToken)).ConfigureAwait(false);
                var findingIds = decisions.Select(d => d.FindingId.ToString(CultureInfo.InvariantCulture)).Distinct().ToList();
                var audit = new List<AuditLogEntry>();
                foreach (var chunk in findingIds.Chunk(500))
                {
                    audit.AddRange(await db.AuditLog.AsNoTracking().Where(a => a.EntityType == "finding" && chunk.Contains(a.EntityId!))
                        .ToListAsync(cancellationToken).ConfigureAwait(false));
                }

                await AddAsync("audit-log.json", s => JsonSerializer.SerializeAsync(s, audit.OrderBy(a => a.Id), Json, cancellationToken)).ConfigureAwait(false);
            }

            var filter = new FindingFilter { RepositoryId = repositoryId, Visibility = FindingVisibility.All };
            await AddAsync("findings.csv", s => WriteFindingsCsvAsync(filter, s, cancellationToken)).ConfigureAwait(false);
            await AddAsync("findings-open.sarif", s => WriteOpenFindingsSarifAsync(filter, s, cancellationToken)).ConfigureAwait(false);

            var index = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
            index.LastWriteTime = now;
            await using var indexStream = index.Open();
            await JsonSerializer.SerializeAsync(indexStream, new
            {
                generatedAt = now,
                generatedBy = actor.UserName,
                aiSystem = system.Summary.Name,
                repository = system.Summary.RepositoryName,
                entries = manifest,
            }, Json, cancellationToken).ConfigureAwait(false);
        }

        await using var audited = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        AuditWriter.Add(audited, actor, AuditActions.AuditPackageExported, "ai-system", aiSystemId.ToString(CultureInfo.InvariantCulture), null,
            new { system.Summary.Name, system.Summary.RepositoryName }, now);
        await audited.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<ExportedFinding> RowsAsync(FindingFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = from x in FindingQueries.Apply(db, filter).OrderBy(f => f.Id).Effective(db)
                   join r in db.Repositories on x.Finding.RepositoryId equals r.Id
                   let f = x.Finding
                   select new ExportedFinding(f.Id, r.Name, f.Branch, f.RuleId, f.Severity, f.OwaspCategory, x.State, f.IsOpen, f.Triage, f.IsSuppressed,
                       f.Path, f.StartLine, f.StartColumn, f.Message, f.Fingerprint, f.FirstSeenAt, x.LastSeenAt);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false)) yield return row;
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ (or tab/CR) would be evaluated by spreadsheets, so it gets an apostrophe.</summary>
    internal static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    internal sealed record ExportedFinding(
        long Id, string Repository, string Branch, string RuleId, FindingSeverity Severity, string? OwaspCategory, FindingState State, bool IsOpen,
        TriageStatus Triage, bool IsSuppressed, string Path, int StartLine, int StartColumn, string Message, string Fingerprint, DateTime FirstSeenAt, DateTime LastSeenAt);

    /// <summary>Hashes what passes through, for the package manifest.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public string HashHex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
            inner.Write(buffer);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _hash.AppendData(buffer.Span);
            _length += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}

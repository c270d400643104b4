using System.Data.Common;
using ShiftLeft.Portal.Core.Domain;
using ShiftLeft.Portal.Core.Security;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>
/// The SARIF part of one run, inside the run's transaction: streams each log, fingerprints every result, writes new
/// findings and every occurrence through the bulk writer, then applies lifecycle with set-based SQL. Memory: the
/// fingerprints already known on this repository + branch (to tell new from unchanged / reintroduced) and the
/// per-run occurrence counters; never the document.
/// </summary>
internal sealed class SarifRunIngestion(
    DbConnection connection,
    DbTransaction transaction,
    Repository repository,
    Run run,
    DateTime now,
    IngestionOptions limits,
    OwaspCategoryMap owasp,
    string? sourceRoot)
{
    // The enums' stored values, for the set-based SQL below (EF stores enums as their integer values).
    private const int New = (int)FindingState.New;
    private const int Fixed = (int)FindingState.Fixed;
    private const int Reintroduced = (int)FindingState.Reintroduced;
    private const int NoTriage = (int)TriageStatus.None;
    private const int MaxMessageLength = 4000;
    private const int MaxJustificationLength = 2000;
    private readonly HashSet<string> _seenRules = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly StrippedControlCharacters _stripped = new();
    private Dictionary<FingerprintKey, ExistingFinding> _existing = [];
    private List<long> _notSeen = [];
    private readonly List<KeyedSighting> _keyedSightings = [];
    private Dictionary<FingerprintKey, (TriageStatus Status, DateTime? Expires)> _decisions = [];
    private (long RunId, DateTime ReceivedAt)? _previousHead;
    private RunRowWriter? _writer;
    private RepositoryPaths? _paths;
    private Fingerprints? _fingerprints;

    public Dictionary<string, SarifRule> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>The OWASP category each new finding of a rule was written with (rule, category): few pairs, read by the rule upsert.</summary>
    public HashSet<(string RuleId, string? Category)> WrittenCategories { get; } = [];
    public IReadOnlyCollection<string> SeenRuleIds => _seenRules;
    public IReadOnlyList<string> Warnings => _warnings;

    public async Task RunAsync(IReadOnlyList<Stream> logs, CancellationToken cancellationToken)
    {
        _previousHead = await LoadHeadAsync(cancellationToken).ConfigureAwait(false);
        _existing = await LoadExistingAsync(cancellationToken).ConfigureAwait(false);
        _decisions = await LoadDecisionsAsync(cancellationToken).ConfigureAwait(false);
        _paths = new RepositoryPaths(repository.Name, sourceRoot);
        _fingerprints = new Fingerprints();
        using (_writer = RunRowWriter.Create(connection, transaction, repository.Id, run.Branch, run.Branch == repository.DefaultBranch, run.Id, now, limits.BatchSize))
        {
            for (var i = 0; i < logs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ParseLog(logs[i], i, logs.Count);
            }

            _writer.Flush();
        }

        // Known on this branch, not fixed, and not seen by this run: fixed by it. Known from the parse itself, so the
        // statements that record it look the rows up by id and never ask the planner to guess how many rows this run wrote.
        _notSeen = _existing.Values.Where(f => !f.Seen && f.State != FindingState.Fixed).Select(f => f.Id).ToList();
        _existing = [];
        if (_stripped.Warning("the SARIF text (messages, snippets, justifications, rule titles)") is { } stripped) _warnings.Add(stripped);
        if (_paths.UsedAbsoluteFallback)
            _warnings.Add($"Some paths could not be made repository-relative (no sourceRoot given and no '/{repository.Name.Split('/')[^1]}/' folder in them); " +
                          "their fingerprints depend on the build agent's checkout folder. Send sourceRoot with the upload.");
        await ApplyLifecycleAsync(cancellationToken).ConfigureAwait(false);
    }

    private void ParseLog(Stream log, int index, int count)
    {
        var what = count == 1 ? "SARIF log" : $"SARIF log #{index + 1}";
        try
        {
            using var payload = PayloadStreams.Open(log, limits.MaxSarifBytes, what);
            using var json = new JsonStreamReader(payload, limits.MaxStringBytes, limits.MaxDepth);
            var parser = new SarifStreamParser(json, limits.MaxResults - run.ResultCount, OnResult);
            parser.Parse();
            run.ToolName ??= RunIngestionService.Truncate(_stripped.Clean(parser.ToolName, "tool.driver.name"), 200);
            run.ToolVersion ??= RunIngestionService.Truncate(_stripped.Clean(parser.ToolVersion, "tool.driver.version"), 100);
            foreach (var (id, rule) in parser.Rules)
            {
                Rules.TryAdd(id, rule with
                {
                    Title = _stripped.Clean(rule.Title, $"rule {id}, shortDescription.text"),
                    Category = _stripped.Clean(rule.Category, $"rule {id}, properties.category"),
                });
            }
        }
        catch (JsonStreamException ex)
        {
            throw new IngestionException(IngestionErrorKind.MalformedSarif, $"{what}, line {ex.Line} (byte {ex.BytePosition}): {ex.Message}")
            {
                Field = ex.Field,
                ResultIndex = ex.ResultIndex,
            };
        }
        catch (IngestionException ex) when (ex.Kind == IngestionErrorKind.MalformedSarif && count > 1)
        {
            throw new IngestionException(ex.Kind, $"{what}: {ex.Message}") { Field = ex.Field, ResultIndex = ex.ResultIndex };
        }
        catch (InvalidDataException ex)
        {
            throw new IngestionException(IngestionErrorKind.MalformedSarif, $"{what}: the gzip data is corrupt or truncated ({ex.Message}).");
        }
    }

    private void OnResult(SarifResult result)
    {
        var path = _paths!.Normalize(result.Uri, result.Index);
        // Free text: control characters removed (and reported once), then personal data redacted, then cut to size.
        var where = $"result {result.Index}, ";
        var message = RunIngestionService.Truncate(PersonalDataRedactor.Redact(_stripped.Clean(result.Message!, where + "message.text")), MaxMessageLength)!;
        var snippet = RunIngestionService.Truncate(PersonalDataRedactor.Redact(_stripped.Clean(result.Snippet, where + "region.snippet.text")), MaxMessageLength);
        var justification = result.IsSuppressed
            ? RunIngestionService.Truncate(PersonalDataRedactor.Redact(_stripped.Clean(result.Justification, where + "suppressions[].justification")), MaxJustificationLength)
            : null;
        var suppressionKind = RunIngestionService.Truncate(_stripped.Clean(result.SuppressionKind, where + "suppressionType"), 100);
        var ruleId = result.RuleId!;
        var key = _fingerprints!.Compute(ruleId, path, snippet, message, result.Identity);
        _seenRules.Add(ruleId);
        run.ResultCount++;

        FindingState state;
        long id;
        ref var known = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_existing, key);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref known))
        {
            known.Seen = true;
            id = known.Id;
            state = known.State == FindingState.Fixed ? FindingState.Reintroduced : FindingState.Unchanged;
            // Keyed by the producer's identity, the same finding can come back in another file or other words: its row
            // shows what this run says (the key leaves out path and message; the fallback fingerprint has both in it).
            if (!string.IsNullOrEmpty(result.Identity))
                _keyedSightings.Add(new KeyedSighting(id, path, message, result.EndLine == 0 ? result.StartLine : result.EndLine, result.EndColumn));
        }
        else
        {
            id = _writer!.NextFindingId();
            state = FindingState.New;
            var (triage, expires) = _decisions.GetValueOrDefault(key);
            if (triage == TriageStatus.AcceptedRisk && expires is { } e && e <= now) (triage, expires) = (TriageStatus.None, null);
            // The compiler writes the rules after the results: a rule first described later in the upload is categorised by UpsertRulesAsync.
            var category = owasp.For(ruleId, Rules.GetValueOrDefault(ruleId)?.OwaspCategory);
            WrittenCategories.Add((ruleId, category));
            _writer.WriteFinding(new NewFindingRow(id, key.ToHex(), ruleId, result.Severity, category, message, path,
                result.StartLine, result.StartColumn, result.EndLine == 0 ? result.StartLine : result.EndLine, result.EndColumn, snippet,
                result.IsSuppressed, suppressionKind, justification, triage, expires,
                !result.IsSuppressed && triage == TriageStatus.None));
        }

        _writer!.WriteOccurrence(new OccurrenceRow(id, state, result.StartLine, result.StartColumn, result.IsSuppressed, justification));
        if (result.IsSuppressed) run.SuppressedCount++;
        else if (state == FindingState.New) run.NewCount++;
        else if (state == FindingState.Reintroduced) run.ReintroducedCount++;
        else run.UnchangedCount++;
    }

    private async Task<Dictionary<FingerprintKey, ExistingFinding>> LoadExistingAsync(CancellationToken cancellationToken)
    {
        // Sized up front: growing a million-entry dictionary briefly holds the old and the new table.
        int count;
        await using (var countCommand = Command("""SELECT COUNT(*) FROM "Findings" WHERE "RepositoryId" = @repo AND "Branch" = @branch"""))
            count = Convert.ToInt32(await countCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        var map = new Dictionary<FingerprintKey, ExistingFinding>(count);
        await using var command = Command("""SELECT "Id", "Fingerprint", "State" FROM "Findings" WHERE "RepositoryId" = @repo AND "Branch" = @branch""");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (FingerprintKey.TryParse(reader.GetString(1), out var key)) map[key] = new ExistingFinding(reader.GetInt64(0), (FindingState)reader.GetInt32(2));
        }

        return map;
    }

    private async Task<Dictionary<FingerprintKey, (TriageStatus, DateTime?)>> LoadDecisionsAsync(CancellationToken cancellationToken)
    {
        var map = new Dictionary<FingerprintKey, (TriageStatus, DateTime?)>();
        await using var command = Command("""SELECT "Fingerprint", "Status", "ExpiresAt" FROM "TriageDecisions" WHERE "RepositoryId" = @repo AND "IsCurrent" """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (FingerprintKey.TryParse(reader.GetString(0), out var key))
                map[key] = ((TriageStatus)reader.GetInt32(1), reader.IsDBNull(2) ? null : DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc));
        }

        return map;
    }

    private async Task<(long, DateTime)?> LoadHeadAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("""SELECT "RunId", "ReceivedAt" FROM "BranchHeads" WHERE "RepositoryId" = @repo AND "Branch" = @branch""");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc))
            : null;
    }

    private async Task ApplyLifecycleAsync(CancellationToken cancellationToken)
    {
        // Seen again, and something the row shows changed: reintroduced, moved, suppression added / removed / re-justified.
        // Unchanged findings keep their row: their "unchanged" state and last sighting follow from this run becoming the
        // branch head (FindingLifecycle), so a re-import of an unchanged code base writes occurrence rows only. The
        // null-safe comparison is spelled out because SQLite and PostgreSQL name "IS DISTINCT FROM" differently.
        await ExecuteAsync($"""
            UPDATE "Findings" SET "State" = o."State", "LastSeenRunId" = @run, "LastSeenAt" = @now, "StartLine" = o."StartLine",
                "StartColumn" = o."StartColumn", "IsSuppressed" = o."IsSuppressed", "SuppressionJustification" = o."SuppressionJustification",
                "FixedAt" = NULL, "FixedRunId" = NULL, "IsOpen" = (NOT o."IsSuppressed" AND "Findings"."Triage" = {NoTriage})
            FROM "FindingOccurrences" o
            WHERE o."RunId" = @run AND o."FindingId" = "Findings"."Id" AND o."State" <> {New}
              AND (o."State" = {Reintroduced} OR "Findings"."StartLine" <> o."StartLine" OR "Findings"."StartColumn" <> o."StartColumn"
                   OR "Findings"."IsSuppressed" <> o."IsSuppressed"
                   OR "Findings"."SuppressionJustification" <> o."SuppressionJustification"
                   OR ("Findings"."SuppressionJustification" IS NULL) <> (o."SuppressionJustification" IS NULL))
            """, cancellationToken).ConfigureAwait(false);
        await ApplyKeyedSightingsAsync(cancellationToken).ConfigureAwait(false);
        // Not seen: fixed in this run, recorded in the history first, then on the row. Its last sighting was the previous
        // head: every finding that was not fixed was seen by it.
        run.FixedCount = _notSeen.Count;
        if (_notSeen.Count > 0)
        {
            await using (var history = Command($"""
                INSERT INTO "FindingOccurrences" ("RunId", "FindingId", "State", "StartLine", "StartColumn", "IsSuppressed", "SuppressionJustification")
                SELECT @run, f."Id", {Fixed}, f."StartLine", f."StartColumn", f."IsSuppressed", NULL FROM "Findings" f WHERE {IdIn("f.\"Id\"")}
                """))
            {
                AddIds(history);
                await history.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var (previousRun, previousAt) = _previousHead ?? (run.Id, now);
            await using var fix = Command($"""
                UPDATE "Findings" SET "State" = {Fixed}, "FixedAt" = @now, "FixedRunId" = @run, "IsOpen" = FALSE, "LastSeenRunId" = @previousRun, "LastSeenAt" = @previousAt
                WHERE {IdIn("\"Id\"")}
                """);
            Add(fix, "@previousRun", previousRun);
            Add(fix, "@previousAt", previousAt);
            AddIds(fix);
            await fix.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync("""
            INSERT INTO "BranchHeads" ("RepositoryId", "Branch", "RunId", "ReceivedAt") VALUES (@repo, @branch, @run, @now)
            ON CONFLICT ("RepositoryId", "Branch") DO UPDATE SET "RunId" = excluded."RunId", "ReceivedAt" = excluded."ReceivedAt"
            """, cancellationToken).ConfigureAwait(false);
        await using var count = Command("""SELECT COUNT(*) FROM "Findings" WHERE "RepositoryId" = @repo AND "Branch" = @branch AND "IsOpen" """);
        run.OpenCountAfter = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Findings matched by their identity key take this run's path, message and end of region where they differ: one
    /// statement over the sightings as a JSON array (<c>json_to_recordset</c> on PostgreSQL, <c>json_each</c> on SQLite);
    /// only rows that changed are written.
    /// </summary>
    private async Task ApplyKeyedSightingsAsync(CancellationToken cancellationToken)
    {
        if (_keyedSightings.Count == 0) return;
        const string Changed = """
            (f."Path" <> r.path OR f."Message" <> r.message OR f."EndLine" <> r.end_line OR f."EndColumn" <> r.end_column)
            """;
        await using var update = Command(connection is Npgsql.NpgsqlConnection
            ? $"""
              UPDATE "Findings" AS f SET "Path" = r.path, "Message" = r.message, "EndLine" = r.end_line, "EndColumn" = r.end_column
              FROM json_to_recordset(@sightings::json) AS r(id bigint, path text, message text, end_line int, end_column int)
              WHERE f."Id" = r.id AND {Changed}
              """
            : $"""
              UPDATE "Findings" AS f SET "Path" = r.path, "Message" = r.message, "EndLine" = r.end_line, "EndColumn" = r.end_column
              FROM (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.path') AS path, json_extract(value, '$.message') AS message,
                           json_extract(value, '$.end_line') AS end_line, json_extract(value, '$.end_column') AS end_column
                    FROM json_each(@sightings)) AS r
              WHERE f."Id" = r.id AND {Changed}
              """);
        Add(update, "@sightings", System.Text.Json.JsonSerializer.Serialize(_keyedSightings.Select(k => new { id = k.Id, path = k.Path, message = k.Message, end_line = k.EndLine, end_column = k.EndColumn })));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _keyedSightings.Clear();
    }

    /// <summary>A known finding seen again under its identity key: what this run says about where it is and what it says.</summary>
    private readonly record struct KeyedSighting(long Id, string Path, string Message, int EndLine, int EndColumn);

    /// <summary>
    /// "<paramref name="column"/> is one of @ids": an array on PostgreSQL (whose length the planner sees), a JSON array
    /// read by <c>json_each</c> on SQLite (which has no array parameters).
    /// </summary>
    private string IdIn(string column) =>
        connection is Npgsql.NpgsqlConnection ? $"{column} = ANY(@ids)" : $"{column} IN (SELECT value FROM json_each(@ids))";

    private void AddIds(DbCommand command)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@ids";
        parameter.Value = connection is Npgsql.NpgsqlConnection ? _notSeen.ToArray() : System.Text.Json.JsonSerializer.Serialize(_notSeen);
        command.Parameters.Add(parameter);
    }

    /// <summary>A finding already on this branch, and whether a result of this run matched it.</summary>
    private struct ExistingFinding(long id, FindingState state)
    {
        public readonly long Id = id;
        public readonly FindingState State = state;
        public bool Seen;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        Add(command, "@repo", repository.Id);
        Add(command, "@branch", run.Branch);
        Add(command, "@run", run.Id);
        Add(command, "@now", now);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        if (!command.CommandText.Contains(name, StringComparison.Ordinal)) return;
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

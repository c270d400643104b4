using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

/// <summary>A finding first seen in this run (repository, branch, run and time are the writer's).</summary>
internal readonly record struct NewFindingRow(
    long Id,
    string Fingerprint,
    string RuleId,
    FindingSeverity Severity,
    string? OwaspCategory,
    string Message,
    string Path,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    string? Snippet,
    bool IsSuppressed,
    string? SuppressionKind,
    string? SuppressionJustification,
    TriageStatus Triage,
    DateTime? TriageExpiresAt,
    bool IsOpen);

/// <summary>What this run saw of one finding.</summary>
internal readonly record struct OccurrenceRow(long FindingId, FindingState State, int StartLine, int StartColumn, bool IsSuppressed, string? SuppressionJustification);

/// <summary>
/// The raw bulk path (EF change tracking is ~6x slower than the floor): prepared statements on SQLite, binary COPY in
/// batches on PostgreSQL, always inside the ingestion's transaction. Synchronous on purpose: it runs inside the
/// streaming parser's callback on a worker thread.
/// </summary>
internal abstract class RunRowWriter(long repositoryId, string branch, bool onDefaultBranch, long runId, DateTime now) : IDisposable
{
    protected long RepositoryId { get; } = repositoryId;
    protected string Branch { get; } = branch;
    protected bool OnDefaultBranch { get; } = onDefaultBranch;
    protected long RunId { get; } = runId;
    protected DateTime Now { get; } = now;

    public abstract long NextFindingId();
    public abstract void WriteFinding(in NewFindingRow row);
    public abstract void WriteOccurrence(in OccurrenceRow row);
    public abstract void Flush();
    public virtual void Dispose() { }

    public static RunRowWriter Create(
        DbConnection connection, DbTransaction transaction, long repositoryId, string branch, bool onDefaultBranch, long runId, DateTime now, int batchSize) =>
        connection is SqliteConnection sqlite
            ? new SqliteRunRowWriter(sqlite, (SqliteTransaction)transaction, repositoryId, branch, onDefaultBranch, runId, now)
            : new PostgresRunRowWriter((NpgsqlConnection)connection, repositoryId, branch, onDefaultBranch, runId, now, batchSize);

    internal const string FindingColumns =
        "\"Id\", \"RepositoryId\", \"Branch\", \"Fingerprint\", \"RuleId\", \"Severity\", \"OwaspCategory\", \"Message\", \"Path\", " +
        "\"StartLine\", \"StartColumn\", \"EndLine\", \"EndColumn\", \"Snippet\", \"State\", \"IsSuppressed\", \"SuppressionKind\", " +
        "\"SuppressionJustification\", \"Triage\", \"TriageExpiresAt\", \"IsOpen\", \"FirstSeenRunId\", \"LastSeenRunId\", \"FirstSeenAt\", \"LastSeenAt\", \"IsOnDefaultBranch\"";

    internal const string OccurrenceColumns =
        "\"RunId\", \"FindingId\", \"State\", \"StartLine\", \"StartColumn\", \"IsSuppressed\", \"SuppressionJustification\"";
}

internal sealed class SqliteRunRowWriter : RunRowWriter
{
    private readonly SqliteCommand _finding;
    private readonly SqliteCommand _occurrence;
    private readonly SqliteParameter[] _f;
    private readonly SqliteParameter[] _o;
    private long _nextId;

    public SqliteRunRowWriter(SqliteConnection connection, SqliteTransaction transaction, long repositoryId, string branch, bool onDefaultBranch, long runId, DateTime now)
        : base(repositoryId, branch, onDefaultBranch, runId, now)
    {
        // The IMMEDIATE transaction holds SQLite's write lock, so MAX(Id)+1 cannot race.
        using (var max = connection.CreateCommand())
        {
            max.Transaction = transaction;
            max.CommandText = "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Findings\"";
            _nextId = Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) + 1;
        }

        (_finding, _f) = Prepare(connection, transaction, $"INSERT INTO \"Findings\" ({FindingColumns}) VALUES ({Placeholders(26)})", 26);
        (_occurrence, _o) = Prepare(connection, transaction, $"INSERT INTO \"FindingOccurrences\" ({OccurrenceColumns}) VALUES ({Placeholders(7)})", 7);
        _f[1].Value = RepositoryId;
        _f[2].Value = Branch;
        _f[14].Value = (int)FindingState.New;
        _f[21].Value = RunId;
        _f[22].Value = RunId;
        _f[23].Value = Now;
        _f[24].Value = Now;
        _f[25].Value = OnDefaultBranch;
        _o[0].Value = RunId;
    }

    public override long NextFindingId() => _nextId++;

    public override void WriteFinding(in NewFindingRow row)
    {
        _f[0].Value = row.Id;
        _f[3].Value = row.Fingerprint;
        _f[4].Value = row.RuleId;
        _f[5].Value = (int)row.Severity;
        _f[6].Value = (object?)row.OwaspCategory ?? DBNull.Value;
        _f[7].Value = row.Message;
        _f[8].Value = row.Path;
        _f[9].Value = row.StartLine;
        _f[10].Value = row.StartColumn;
        _f[11].Value = row.EndLine;
        _f[12].Value = row.EndColumn;
        _f[13].Value = (object?)row.Snippet ?? DBNull.Value;
        _f[15].Value = row.IsSuppressed;
        _f[16].Value = (object?)row.SuppressionKind ?? DBNull.Value;
        _f[17].Value = (object?)row.SuppressionJustification ?? DBNull.Value;
        _f[18].Value = (int)row.Triage;
        _f[19].Value = (object?)row.TriageExpiresAt ?? DBNull.Value;
        _f[20].Value = row.IsOpen;
        _finding.ExecuteNonQuery();
    }

    public override void WriteOccurrence(in OccurrenceRow row)
    {
        _o[1].Value = row.FindingId;
        _o[2].Value = (int)row.State;
        _o[3].Value = row.StartLine;
        _o[4].Value = row.StartColumn;
        _o[5].Value = row.IsSuppressed;
        _o[6].Value = (object?)row.SuppressionJustification ?? DBNull.Value;
        _occurrence.ExecuteNonQuery();
    }

    public override void Flush() { }

    public override void Dispose()
    {
        _finding.Dispose();
        _occurrence.Dispose();
    }

    private static string Placeholders(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => "$p" + i));

    private static (SqliteCommand, SqliteParameter[]) Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, int count)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = new SqliteParameter[count];
        for (var i = 0; i < count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "$p" + i;
            parameters[i].Value = DBNull.Value;
            command.Parameters.Add(parameters[i]);
        }

        command.Prepare();
        return (command, parameters);
    }
}

internal sealed class PostgresRunRowWriter(NpgsqlConnection connection, long repositoryId, string branch, bool onDefaultBranch, long runId, DateTime now, int batchSize)
    : RunRowWriter(repositoryId, branch, onDefaultBranch, runId, now)
{
    private const int IdBlock = 1000;
    private readonly Queue<long> _ids = new();
    private readonly List<NewFindingRow> _findings = new(batchSize);
    private readonly List<OccurrenceRow> _occurrences = new(batchSize);

    public override long NextFindingId()
    {
        if (_ids.Count == 0)
        {
            // Ids come from the identity sequence in blocks, so the COPY can carry them and occurrences can refer to them.
            using var command = new NpgsqlCommand(
                $"SELECT nextval(pg_get_serial_sequence('\"Findings\"', 'Id')) FROM generate_series(1, {IdBlock})", connection);
            using var reader = command.ExecuteReader();
            while (reader.Read()) _ids.Enqueue(reader.GetInt64(0));
        }

        return _ids.Dequeue();
    }

    public override void WriteFinding(in NewFindingRow row)
    {
        _findings.Add(row);
        if (_findings.Count >= batchSize) Flush();
    }

    public override void WriteOccurrence(in OccurrenceRow row)
    {
        _occurrences.Add(row);
        if (_occurrences.Count >= batchSize) Flush();
    }

    public override void Flush()
    {
        if (_findings.Count > 0)
        {
            using var copy = connection.BeginBinaryImport($"COPY \"Findings\" ({FindingColumns}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in _findings)
            {
                copy.StartRow();
                copy.Write(row.Id, NpgsqlDbType.Bigint);
                copy.Write(RepositoryId, NpgsqlDbType.Bigint);
                copy.Write(Branch, NpgsqlDbType.Varchar);
                copy.Write(row.Fingerprint, NpgsqlDbType.Varchar);
                copy.Write(row.RuleId, NpgsqlDbType.Varchar);
                copy.Write((int)row.Severity, NpgsqlDbType.Integer);
                WriteNullable(copy, row.OwaspCategory, NpgsqlDbType.Varchar);
                copy.Write(row.Message, NpgsqlDbType.Text);
                copy.Write(row.Path, NpgsqlDbType.Varchar);
                copy.Write(row.StartLine, NpgsqlDbType.Integer);
                copy.Write(row.StartColumn, NpgsqlDbType.Integer);
                copy.Write(row.EndLine, NpgsqlDbType.Integer);
                copy.Write(row.EndColumn, NpgsqlDbType.Integer);
                WriteNullable(copy, row.Snippet, NpgsqlDbType.Text);
                copy.Write((int)FindingState.New, NpgsqlDbType.Integer);
                copy.Write(row.IsSuppressed, NpgsqlDbType.Boolean);
                WriteNullable(copy, row.SuppressionKind, NpgsqlDbType.Varchar);
                WriteNullable(copy, row.SuppressionJustification, NpgsqlDbType.Text);
                copy.Write((int)row.Triage, NpgsqlDbType.Integer);
                if (row.TriageExpiresAt is { } expires) copy.Write(expires, NpgsqlDbType.TimestampTz); else copy.WriteNull();
                copy.Write(row.IsOpen, NpgsqlDbType.Boolean);
                copy.Write(RunId, NpgsqlDbType.Bigint);
                copy.Write(RunId, NpgsqlDbType.Bigint);
                copy.Write(Now, NpgsqlDbType.TimestampTz);
                copy.Write(Now, NpgsqlDbType.TimestampTz);
                copy.Write(OnDefaultBranch, NpgsqlDbType.Boolean);
            }

            copy.Complete();
            _findings.Clear();
        }

        if (_occurrences.Count > 0)
        {
            using var copy = connection.BeginBinaryImport($"COPY \"FindingOccurrences\" ({OccurrenceColumns}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in _occurrences)
            {
                copy.StartRow();
                copy.Write(RunId, NpgsqlDbType.Bigint);
                copy.Write(row.FindingId, NpgsqlDbType.Bigint);
                copy.Write((int)row.State, NpgsqlDbType.Integer);
                copy.Write(row.StartLine, NpgsqlDbType.Integer);
                copy.Write(row.StartColumn, NpgsqlDbType.Integer);
                copy.Write(row.IsSuppressed, NpgsqlDbType.Boolean);
                WriteNullable(copy, row.SuppressionJustification, NpgsqlDbType.Text);
            }

            copy.Complete();
            _occurrences.Clear();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null) copy.WriteNull(); else copy.Write(value, type);
    }
}

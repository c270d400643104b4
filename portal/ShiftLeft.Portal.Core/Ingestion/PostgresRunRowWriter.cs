using Npgsql;
using NpgsqlTypes;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

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

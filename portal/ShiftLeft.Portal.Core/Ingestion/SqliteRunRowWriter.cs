using Microsoft.Data.Sqlite;
using ShiftLeft.Portal.Core.Domain;

namespace ShiftLeft.Portal.Core.Ingestion;

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

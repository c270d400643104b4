using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ShiftLeft.Portal.Core.Data;

/// <summary>
/// Locks that hold across every portal instance on one PostgreSQL database: advisory locks, keyed by a name. SQLite is
/// one instance per file (and serialises writers itself), so there every lock is granted at once.
/// </summary>
public static class PortalLocks
{
    /// <summary>Migrations, role seeding and issuing the first-admin setup code, and redeeming it.</summary>
    public const string Startup = "startup";

    /// <summary>One run of the accepted-risk expiry sweep.</summary>
    public const string ExpirySweep = "expiry-sweep";

    /// <summary>The advisory-lock key of a name: the first 8 bytes of its SHA-256 (collisions are as rare as the hash's).</summary>
    public static long Key(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("shiftleft-" + name)));

    /// <summary>Uploads to one repository queue behind each other on this lock.</summary>
    public static string Repository(string canonicalName) => "repo:" + canonicalName;

    /// <summary>Triage decisions of one repository are written one transaction at a time.</summary>
    public static string Triage(long repositoryId) => "triage:" + repositoryId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Waits for the named lock on a connection of its own and holds it until the result is disposed (a session lock:
    /// it is released even when this process dies, with its connection).
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireAsync(PortalDatabase database, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsSqlite) return NoLock.Instance;
        var connection = new NpgsqlConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", Key(name));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new SessionLock(connection, Key(name));
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for the named lock; the transaction holds it until it ends.</summary>
    public static async Task InTransactionAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is not NpgsqlConnection) return;
        await using var command = TransactionCommand(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the named lock for the transaction if nobody holds it; false (without waiting) when someone does.</summary>
    public static async Task<bool> TryInTransactionAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection is not NpgsqlConnection) return true;
        await using var command = TransactionCommand(connection, transaction, "SELECT pg_try_advisory_xact_lock(@key)", name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private static DbCommand TransactionCommand(DbConnection connection, DbTransaction? transaction, string sql, string name)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        var key = command.CreateParameter();
        key.ParameterName = "@key";
        key.Value = Key(name);
        command.Parameters.Add(key);
        return command;
    }

    private sealed class SessionLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            finally
            {
                // Closing the session releases its locks as well; the explicit unlock keeps a pooled connection clean.
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

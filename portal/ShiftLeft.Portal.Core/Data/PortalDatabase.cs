using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ShiftLeft.Portal.Core.Data;

/// <summary>
/// The configured database: which provider, the resolved connection string, EF options for the provider's context type,
/// and raw connections for the bulk ingestion path. Singleton.
/// </summary>
public sealed class PortalDatabase : IDbContextFactory<PortalDbContext>
{
    private readonly Func<PortalDbContext> _create;

    public PortalDatabase(DatabaseProvider provider, string connectionString, ILoggerFactory? loggerFactory = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqlitePortalDbContext>()
                .UseSqlite(connectionString)
                .AddInterceptors(SqlitePragmas.Instance);
            if (loggerFactory is not null) options.UseLoggerFactory(loggerFactory);
            var built = options.Options;
            _create = () => new SqlitePortalDbContext(built);
        }
        else
        {
            var options = new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(connectionString);
            if (loggerFactory is not null) options.UseLoggerFactory(loggerFactory);
            var built = options.Options;
            _create = () => new PostgresPortalDbContext(built);
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <inheritdoc />
    public PortalDbContext CreateDbContext() => _create();

    /// <summary>A context over a connection (and transaction) the caller owns, e.g. the bulk ingestion's.</summary>
    public PortalDbContext CreateDbContext(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return IsSqlite
            ? new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connection).Options)
            : new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(connection).Options);
    }

    /// <summary>Opens a raw connection (for the bulk path). SQLite connections get the same pragmas as EF's.</summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (IsSqlite) SqlitePragmas.Apply(connection);
        return connection;
    }

    /// <summary>Creates the database if needed and applies pending migrations; SQLite is switched to WAL.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (IsSqlite)
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }

        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (IsSqlite)
        {
            // WAL lets readers (the UI) proceed while an upload writes; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Migrations of this build not applied to the database yet (all of them for an empty database).</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateDbContext();
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
    }
}

/// <summary>Per-connection SQLite settings: NORMAL sync is durable in WAL mode; a busy timeout queues concurrent writers.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-16384;";
        command.ExecuteNonQuery();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }
}

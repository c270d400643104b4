using Microsoft.Data.Sqlite;
using Npgsql;
using ShiftLeft.Portal.Core;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>A database of its own for one test class: a SQLite file in a temp folder, or a uniquely named PostgreSQL database (dropped afterwards).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? directory, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable("SHIFTLEFT_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "SHIFTLEFT_TEST_POSTGRES is not set. The portal's storage tests need a real PostgreSQL: run `bash eng/install-test-prerequisites.sh` " +
                "(as root) and export the connection string it prints as SHIFTLEFT_TEST_POSTGRES, or run the whole suite with eng/test.sh, which does both.");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "shiftleft-portal-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "portal.db") }.ToString();
            return new TestDatabase(provider, connection, directory, null);
        }

        var builder = await PostgresScratchDatabases.CreateAsync(PostgresAdminConnectionString, "shiftleft_test_");
        builder.MaxPoolSize = 40;
        return new TestDatabase(provider, builder.ToString(), null, builder.Database);
    }

    /// <summary>Configuration keys that point the portal at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Database:Provider"] = Provider.ToString(),
        ["Portal:Database:ConnectionString"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            using (var pooled = new SqliteConnection(ConnectionString)) SqliteConnection.ClearPool(pooled);
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        }

        if (_postgresName is not null)
        {
            await using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
            await PostgresScratchDatabases.DropAsync(PostgresAdminConnectionString, _postgresName);
        }
    }
}

using Microsoft.Data.Sqlite;
using Npgsql;
using ShiftLeft.Portal.Core;
using ShiftLeft.Portal.Tests.Infrastructure;

namespace ShiftLeft.Portal.Benchmarks;

/// <summary>A scratch database for one measurement: a SQLite file under /tmp, or a PostgreSQL database (SHIFTLEFT_TEST_POSTGRES) dropped afterwards.</summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _file;
    private readonly string? _postgresName;

    private BenchmarkDatabase(DatabaseProvider provider, string connectionString, string? file, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _file = file;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static DatabaseProvider Parse(string? name) =>
        name is "postgres" or "postgresql" or "PostgreSQL" ? DatabaseProvider.PostgreSQL : DatabaseProvider.Sqlite;

    public static async Task<BenchmarkDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "shiftleft-bench-" + Guid.NewGuid().ToString("N") + ".db");
            return new BenchmarkDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), file, null);
        }

        var builder = await PostgresScratchDatabases.CreateAsync(Environment.GetEnvironmentVariable("SHIFTLEFT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set SHIFTLEFT_TEST_POSTGRES (run eng/install-test-prerequisites.sh) to benchmark PostgreSQL."), "shiftleft_bench_");
        builder.CommandTimeout = 600;
        return new BenchmarkDatabase(provider, builder.ToString(), null, builder.Database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresScratchDatabases.DropAsync(Environment.GetEnvironmentVariable("SHIFTLEFT_TEST_POSTGRES")!, _postgresName);
        }
    }
}

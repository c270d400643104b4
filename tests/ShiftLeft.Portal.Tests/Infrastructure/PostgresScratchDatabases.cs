using Npgsql;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>Drops a scratch PostgreSQL database. Shared with the benchmarks project (linked source).</summary>
public static class PostgresScratchDatabases
{
    public static async Task DropAsync(string adminConnectionString, string name)
    {
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        if (string.IsNullOrEmpty(admin.Database)) admin.Database = "postgres";
        await using var connection = new NpgsqlConnection(admin.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        // An autovacuum worker (a superuser process this role may not terminate) may still be working on a freshly filled
        // database: FORCE then fails with 42501. It finishes or yields within seconds; try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (attempt < 30 && ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}

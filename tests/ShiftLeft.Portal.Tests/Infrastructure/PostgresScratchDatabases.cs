using Npgsql;

namespace ShiftLeft.Portal.Tests.Infrastructure;

/// <summary>Creates and drops scratch PostgreSQL databases. Shared with the benchmarks project (linked source).</summary>
public static class PostgresScratchDatabases
{
    /// <summary>Creates a uniquely named database (<paramref name="prefix"/> + a GUID); returns a connection-string builder for it.</summary>
    public static async Task<NpgsqlConnectionStringBuilder> CreateAsync(string adminConnectionString, string prefix)
    {
        var admin = Administration(adminConnectionString);
        var name = prefix + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name };
    }

    public static async Task DropAsync(string adminConnectionString, string name)
    {
        await using var connection = new NpgsqlConnection(Administration(adminConnectionString));
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

    /// <summary>The role may create databases but has none of its own: administer through 'postgres'.</summary>
    private static string Administration(string adminConnectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString);
        if (string.IsNullOrEmpty(admin.Database)) admin.Database = "postgres";
        return admin.ToString();
    }
}

using Npgsql;

namespace Laoshi.Server.Tests;

/// <summary>
/// A fresh database on the test PostgreSQL server (LAOSHI_TEST_POSTGRES, started by test.sh), dropped
/// afterwards. Without the variable the PostgreSQL tests fail with a clear message, unless
/// LAOSHI_SKIP_POSTGRES=1 asks to skip them on purpose.
/// </summary>
public static class TestPostgres
{
    public static bool Skipped => Environment.GetEnvironmentVariable("LAOSHI_SKIP_POSTGRES") == "1";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("LAOSHI_TEST_POSTGRES")
        ?? throw new InvalidOperationException("LAOSHI_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts PostgreSQL (or set LAOSHI_SKIP_POSTGRES=1 to skip them)");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"laoshi_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

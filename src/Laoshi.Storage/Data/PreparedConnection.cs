using Microsoft.Data.Sqlite;

namespace Laoshi.Storage.Data;

/// <summary>
/// A long-lived SQLite connection that keeps one command per SQL text. Microsoft.Data.Sqlite prepares a command's
/// statements on its first execution and reuses them while the command lives, so a kept command skips SQLite's
/// parse and plan on every later call (about a tenth of the server's CPU under load when every call built a new one).
/// Not thread-safe: one user at a time (the write queue's loop, or whoever rented it from the read pool).
/// </summary>
internal sealed class PreparedConnection : IDisposable
{
    // Same settings as every EF-opened connection (SqliteConnectionSettings): WAL + synchronous=NORMAL keeps every
    // acknowledged commit across a killed process; busy_timeout lets another process's writer finish first.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private PreparedConnection(SqliteConnection connection) => _connection = connection;

    public static PreparedConnection Open(string connectionString)
    {
        // Not pooled: this object is the pool entry, and it must own its native connection to keep statements prepared.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            return new PreparedConnection(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The kept command for this SQL with these parameter values bound; dispose its readers before reusing it.</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Command(sql, parameters).ExecuteNonQuery();

    /// <summary>The first column of the first row as a long, or null when there is no row (or it is NULL).</summary>
    public long? Int64(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Command(sql, parameters).ExecuteScalar() is long value ? value : null;

    /// <summary>True outside a transaction; after a failure inside one, tells whether SQLite already rolled it back.</summary>
    public bool IsAutocommit => SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) != 0;

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        _commands.Clear();
        _connection.Dispose();
    }
}

using System.Data.Common;

namespace Laoshi.Storage.Data;

/// <summary>
/// The few SQL calls the work-distribution rules need, over either SQLite's write-queue connection (synchronous,
/// prepared statements) or a PostgreSQL session, so the rules are written once for both databases.
/// </summary>
internal abstract class SqlRunner
{
    public abstract bool IsPostgres { get; }
    public abstract ValueTask<long?> Int64Async(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters);
    public abstract ValueTask<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters);
    public abstract ValueTask<List<T>> RowsAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters);

    public static SqlRunner On(PreparedConnection connection) => new SqliteRunner(connection);
    public static SqlRunner On(DbSession session) => new SessionRunner(session);

    /// <summary>Runs async rules on SQLite's connection: every call there completes synchronously.</summary>
    public static T Synchronously<T>(ValueTask<T> work) =>
        work.IsCompleted ? work.GetAwaiter().GetResult() : throw new InvalidOperationException("SQLite rules must complete synchronously");

    public static void Synchronously(ValueTask work)
    {
        if (!work.IsCompleted) throw new InvalidOperationException("SQLite rules must complete synchronously");
        work.GetAwaiter().GetResult();
    }

    private sealed class SqliteRunner(PreparedConnection connection) : SqlRunner
    {
        public override bool IsPostgres => false;

        public override ValueTask<long?> Int64Async(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
            ValueTask.FromResult(connection.Int64(sql, parameters));

        public override ValueTask<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
            ValueTask.FromResult(connection.Execute(sql, parameters));

        public override ValueTask<List<T>> RowsAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
        {
            var rows = new List<T>();
            using var reader = connection.Command(sql, parameters).ExecuteReader();
            while (reader.Read()) rows.Add(read(reader));
            return ValueTask.FromResult(rows);
        }
    }

    private sealed class SessionRunner(DbSession session) : SqlRunner
    {
        public override bool IsPostgres => session.IsPostgres;

        public override async ValueTask<long?> Int64Async(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
            await session.ScalarAsync<long?>(sql, ct, parameters);

        public override async ValueTask<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
            await session.ExecuteAsync(sql, ct, parameters);

        public override async ValueTask<List<T>> RowsAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
            await RowReaders.ListAsync(session, sql, read, ct, parameters);
    }
}

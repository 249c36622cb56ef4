using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Laoshi.Storage.Data;

/// <summary>
/// One open connection (and for writes, its transaction and the SQLite write lock). Hot paths use raw,
/// parameterised ADO.NET commands on the same connection; both providers accept @name parameters.
/// </summary>
internal sealed class DbSession(LaoshiDbContext context, IDbContextTransaction? transaction, SemaphoreSlim? writeLock, bool isPostgres) : IAsyncDisposable
{
    private bool _disposed;
    private string? _onClose;

    public LaoshiDbContext Context { get; } = context;
    public DbConnection Connection { get; } = context.Database.GetDbConnection();
    public bool IsPostgres { get; } = isPostgres;

    /// <summary>Case-insensitive LIKE: SQLite's LIKE already ignores ASCII case.</summary>
    public string Like => IsPostgres ? "ILIKE" : "LIKE";

    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction?.GetDbTransaction();
        foreach (var (name, value) in parameters) AddParameter(command, name, value);
        return command;
    }

    public static DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SQL to run once the transaction is over, before the connection goes back to the pool (undoing a PRAGMA).</summary>
    public void OnClose(string sql) => _onClose = sql;

    public async Task CommitAsync(CancellationToken ct)
    {
        if (transaction is null) throw new InvalidOperationException("a read session has no transaction to commit");
        await transaction.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (transaction is not null) await transaction.DisposeAsync();
            if (_onClose is not null)
            {
                await using var command = Connection.CreateCommand();
                command.CommandText = _onClose;
                await command.ExecuteNonQueryAsync();
            }
            await Context.DisposeAsync();
        }
        finally
        {
            writeLock?.Release();
        }
    }
}

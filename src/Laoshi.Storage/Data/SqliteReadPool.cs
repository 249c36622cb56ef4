using System.Collections.Concurrent;

namespace Laoshi.Storage.Data;

/// <summary>
/// Open read connections with their prepared statements, handed out one caller at a time. A read runs synchronously
/// on its rented connection (Microsoft.Data.Sqlite's async methods are synchronous anyway), so only as many are
/// rented at once as threads are reading, and the pool stays small.
/// </summary>
internal sealed class SqliteReadPool(string connectionString) : IDisposable
{
    // Beyond this many idle connections a returned one is closed: a burst should not keep page caches alive forever.
    private const int MaxIdle = 8;
    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private bool _disposed;

    public T Read<T>(Func<PreparedConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_idle.TryTake(out var connection)) connection = PreparedConnection.Open(connectionString);
        var healthy = false;
        try
        {
            var result = read(connection);
            healthy = true;
            return result;
        }
        finally
        {
            // A connection whose read failed may hold an open reader or a broken state: close it rather than reuse it.
            if (healthy && !_disposed && _idle.Count < MaxIdle) _idle.Add(connection);
            else connection.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection)) connection.Dispose();
    }
}

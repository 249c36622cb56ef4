using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Laoshi.Storage.Data;

/// <summary>
/// Per-connection SQLite settings. WAL (set once, persistent in the file) with synchronous=NORMAL keeps every
/// acknowledged commit across a killed process; busy_timeout lets a second process wait for the writer.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

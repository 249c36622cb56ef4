namespace Laoshi.Storage;

/// <param name="DataDirectory">Holds blobs/ and, for SQLite, laoshi.db.</param>
/// <param name="Database">Null for SQLite at &lt;data&gt;/laoshi.db; otherwise a PostgreSQL connection string.</param>
public sealed record StoreOptions(string DataDirectory, string? Database = null);

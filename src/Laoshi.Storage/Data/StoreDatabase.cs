using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Laoshi.Storage.Data;

/// <summary>
/// Opens sessions on the database. SQLite allows one writer at a time, so write sessions there queue on a
/// semaphore instead of failing with "database is locked"; PostgreSQL writers run side by side.
/// </summary>
internal sealed class StoreDatabase : IDisposable
{
    private readonly DbContextOptions<LaoshiDbContext> _options;
    // Sessions are short and many (several per API request); a pooled context skips building EF's internal
    // services for each one, which was about a sixth of the server's CPU under load (bench/run.sh, dotnet-trace).
    private readonly PooledDbContextFactory<LaoshiDbContext> _contexts;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private readonly string? _sqliteConnectionString;
    // SQLite's annotation hot path (next item, submit) bypasses EF: long-lived connections with prepared statements,
    // and group commit for the writes. Opened on first use, after the schema is migrated.
    private readonly Lazy<SqliteWriteQueue>? _sqliteWrites;
    private readonly Lazy<SqliteReadPool>? _sqliteReads;

    private StoreDatabase(DbContextOptions<LaoshiDbContext> options, bool isPostgres, string? sqliteConnectionString)
    {
        _options = options;
        _contexts = new PooledDbContextFactory<LaoshiDbContext>(options);
        IsPostgres = isPostgres;
        _sqliteConnectionString = sqliteConnectionString;
        if (sqliteConnectionString is not null)
        {
            _sqliteWrites = new Lazy<SqliteWriteQueue>(() => new SqliteWriteQueue(sqliteConnectionString, _writeLock));
            _sqliteReads = new Lazy<SqliteReadPool>(() => new SqliteReadPool(sqliteConnectionString));
        }
    }

    public bool IsPostgres { get; }

    /// <summary>Each project's work-distribution settings, remembered for a second (the hot paths read them on every call).</summary>
    public DistributionSettingsCache DistributionSettings { get; } = new();

    /// <summary>SQLite only: the group-commit queue for the hot writes.</summary>
    public SqliteWriteQueue SqliteWrites => (_sqliteWrites ?? throw new InvalidOperationException("not a SQLite store")).Value;

    /// <summary>SQLite only: pooled read connections with prepared statements for the hot reads.</summary>
    public SqliteReadPool SqliteReads => (_sqliteReads ?? throw new InvalidOperationException("not a SQLite store")).Value;

    public static StoreDatabase Create(StoreOptions options, ILoggerFactory? loggerFactory)
    {
        var builder = new DbContextOptionsBuilder<LaoshiDbContext>();
        var isPostgres = options.Database is not null;
        string? sqlite = null;
        if (isPostgres)
        {
            // Auto-prepared statements skip re-planning the same few queries on every page and every next-item call.
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.Database);
            if (connection.MaxAutoPrepare == 0) connection.MaxAutoPrepare = 64;
            builder.UseNpgsql(connection.ConnectionString);
        }
        else
        {
            var path = Path.Combine(options.DataDirectory, "laoshi.db");
            sqlite = $"Data Source={path};Pooling=True;Default Timeout=60";
            builder.UseSqlite(sqlite)
                .AddInterceptors(new SqliteConnectionSettings());
        }
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (loggerFactory is not null) builder.UseLoggerFactory(loggerFactory);
        return new StoreDatabase(builder.Options, isPostgres, sqlite);
    }

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var context = new LaoshiDbContext(_options);
        if (!IsPostgres)
        {
            // WAL is a property of the file: set once, every later connection uses it.
            await context.Database.OpenConnectionAsync(ct);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await context.Database.MigrateAsync(ct);
    }

    public async Task<DbSession> ReadAsync(CancellationToken ct)
    {
        var context = _contexts.CreateDbContext();
        try
        {
            await context.Database.OpenConnectionAsync(ct);
            return new DbSession(context, null, null, IsPostgres);
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>A session inside a transaction (IMMEDIATE on SQLite); dispose without CommitAsync rolls back.</summary>
    public async Task<DbSession> WriteAsync(CancellationToken ct)
    {
        SemaphoreSlim? held = null;
        if (!IsPostgres)
        {
            await _writeLock.WaitAsync(ct);
            held = _writeLock;
        }
        var context = _contexts.CreateDbContext();
        try
        {
            await context.Database.OpenConnectionAsync(ct);
            var transaction = await context.Database.BeginTransactionAsync(ct);
            return new DbSession(context, transaction, held, IsPostgres);
        }
        catch
        {
            await context.DisposeAsync();
            held?.Release();
            throw;
        }
    }

    public void Dispose()
    {
        // The queue finishes what was handed to it before its connection closes.
        if (_sqliteWrites is { IsValueCreated: true }) _sqliteWrites.Value.Dispose();
        if (_sqliteReads is { IsValueCreated: true }) _sqliteReads.Value.Dispose();
        // Closing pooled SQLite connections checkpoints the WAL and lets the folder be moved or deleted.
        if (_sqliteConnectionString is not null)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection(_sqliteConnectionString);
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        }
        _writeLock.Dispose();
    }
}

using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using System.Text.Json.Nodes;
using Npgsql;

namespace Laoshi.Storage.Tests;

/// <summary>
/// Base of every storage test: each test gets its own data folder and, on PostgreSQL, its own database
/// (test_&lt;guid&gt;, dropped afterwards) on the server named by LAOSHI_TEST_POSTGRES (see scripts/postgres.sh).
/// </summary>
public abstract class StoreTest(StoreKind kind) : IAsyncLifetime
{
    private readonly List<LaoshiStore> _stores = [];
    private string? _databaseName;
    private string? _connectionString;

    protected StoreKind Kind { get; } = kind;
    protected string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "laoshi-storage-tests", Guid.NewGuid().ToString("N"));
    protected CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        return ValueTask.CompletedTask;
    }

    /// <summary>Opens a store on this test's folder (and database); several may be open at once.</summary>
    protected async Task<LaoshiStore> OpenStoreAsync(string? dataDirectory = null)
    {
        var store = await LaoshiStore.OpenAsync(new StoreOptions(dataDirectory ?? DataDirectory, await DatabaseAsync()), null, Ct);
        _stores.Add(store);
        Assert.Equal(Kind == StoreKind.Postgres, store.IsPostgres);
        return store;
    }

    /// <summary>This test's PostgreSQL connection string (created on first use), or null for SQLite.</summary>
    protected async Task<string?> DatabaseAsync()
    {
        if (Kind == StoreKind.Sqlite) return null;
        if (_connectionString is not null) return _connectionString;
        var server = Environment.GetEnvironmentVariable("LAOSHI_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            if (Environment.GetEnvironmentVariable("LAOSHI_SKIP_POSTGRES") == "1") Assert.Skip("LAOSHI_SKIP_POSTGRES=1: PostgreSQL tests skipped");
            Assert.Fail("LAOSHI_TEST_POSTGRES is not set. Run: export LAOSHI_TEST_POSTGRES=\"$(scripts/postgres.sh)\" " +
                        "(or set LAOSHI_SKIP_POSTGRES=1 to skip the PostgreSQL tests on purpose).");
        }
        _databaseName = "test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {_databaseName}", connection);
            await command.ExecuteNonQueryAsync(Ct);
        }
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _databaseName, MaxPoolSize = 80 }.ConnectionString;
        return _connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        if (_databaseName is not null) await DropDatabaseAsync(_databaseName);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Drops the test database; retried because autovacuum may briefly hold it after a bulk import.</summary>
    private static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("LAOSHI_TEST_POSTGRES"));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 10)
            {
                await Task.Delay(300 * attempt);
            }
        }
    }

    protected static ProjectSchema Schema { get; } = new(
        [new SchemaField("text", FieldKind.Text, "text")],
        [new SchemaControl("sentiment", "choices", "text", [new SchemaLabel("joy"), new SchemaLabel("anger"), new SchemaLabel("calm")])]);

    protected const string SchemaJson = """{"fields":[{"name":"text","kind":"text","value":"text"}]}""";

    protected static Region Choice(params string[] labels) =>
        new() { Id = "r1", FromName = "sentiment", ToName = "text", Type = RegionTypes.Choices, Labels = labels };

    protected static JsonObject Text(string text) => new() { ["text"] = text };

    protected async Task<ProjectInfo> CreateProjectAsync(LaoshiStore store, string name = "reviews") =>
        await store.Projects.CreateAsync(name, Schema, SchemaJson, Ct);

    /// <summary>Imports items "item 0".."item n-1"; annotate(i) gives item i's annotations.</summary>
    protected async Task<ImportCounts> ImportAsync(LaoshiStore store, long projectId, int count,
        Func<int, IReadOnlyList<ImportedAnswer>>? annotate = null, Func<int, IReadOnlyList<ImportedAnswer>>? predict = null)
    {
        await using var batch = await store.Items.BeginImportAsync(projectId, Ct);
        for (var i = 0; i < count; i++)
            await batch.AddAsync(Text($"item {i}"), annotate?.Invoke(i) ?? [], predict?.Invoke(i) ?? [], Ct);
        return await batch.CommitAsync(Ct);
    }

    protected async Task<List<ItemSummary>> AllItemsAsync(LaoshiStore store, long projectId, ItemQuery query)
    {
        var all = new List<ItemSummary>();
        string? cursor = null;
        do
        {
            var page = await store.Items.ListAsync(projectId, query with { Cursor = cursor }, Ct);
            all.AddRange(page.Items);
            cursor = page.Next;
        } while (cursor is not null);
        return all;
    }
}

using Laoshi.Storage.Cleaning;
using Laoshi.Storage.Data;
using Microsoft.Extensions.Logging;

namespace Laoshi.Storage;

/// <summary>
/// Everything Laoshi keeps: projects, items, annotations, predictions, snapshots (in SQLite or PostgreSQL)
/// and blobs (in a content-addressed folder). Thread-safe; open one per process and share it.
/// </summary>
public sealed class LaoshiStore : IAsyncDisposable
{
    private readonly StoreDatabase _database;

    private LaoshiStore(StoreOptions options, StoreDatabase database)
    {
        _database = database;
        DataDirectory = options.DataDirectory;
        Projects = new ProjectStore(database);
        Blobs = new BlobStore(database, Path.Combine(options.DataDirectory, "blobs"));
        Items = new ItemStore(database, Blobs);
        Annotations = new AnnotationStore(database);
        Snapshots = new SnapshotStore(database);
        Export = new ExportStore(database, Blobs, Snapshots);
        Stats = new StatsStore(database);
        Reviews = new ReviewStore(database);
        Accounts = new AccountStore(database);
        Memberships = new MembershipStore(database);
        Tokens = new TokenStore(database);
        Audit = new AuditStore(database);
        Distribution = new DistributionStore(database);
        Priorities = new QueuePriorityStore(database);
        Jobs = new JobStore(database);
        Models = new Models.ModelStore(database);
        Evaluations = new EvaluationStore(database);
        Cleaning = new CleaningStore(database);
        Runs = new Runs.RunStore(database);
    }

    public bool IsPostgres => _database.IsPostgres;
    public string DataDirectory { get; }
    public ProjectStore Projects { get; }
    public BlobStore Blobs { get; }
    public ItemStore Items { get; }
    public AnnotationStore Annotations { get; }
    public SnapshotStore Snapshots { get; }
    public ExportStore Export { get; }
    public StatsStore Stats { get; }
    public ReviewStore Reviews { get; }
    public AccountStore Accounts { get; }
    public MembershipStore Memberships { get; }
    public TokenStore Tokens { get; }
    public AuditStore Audit { get; }
    /// <summary>Work distribution: overlap, order, leases, skips, gold items and the qualification exam.</summary>
    public DistributionStore Distribution { get; }
    /// <summary>Active learning: the priority each item's last scoring gave it, and when the queue was scored.</summary>
    public QueuePriorityStore Priorities { get; }
    /// <summary>The background job queue every server process on this database shares.</summary>
    public JobStore Jobs { get; }
    /// <summary>The model registry: versions, stages, thresholds, lineage.</summary>
    public Models.ModelStore Models { get; }
    /// <summary>Test sets, evaluations with their per-item outcomes, and failing items sent to review.</summary>
    public EvaluationStore Evaluations { get; }
    /// <summary>Cleaning passes, duplicate clusters and the reversible log of every change they made.</summary>
    public CleaningStore Cleaning { get; }
    /// <summary>Training runs: trainer, parameters, snapshot, seed, search trials, metrics, curve, registered model.</summary>
    public Runs.RunStore Runs { get; }

    /// <summary>Opens the store, creating the data folder and bringing the database schema up to date.</summary>
    public static async Task<LaoshiStore> OpenAsync(StoreOptions options, ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var database = StoreDatabase.Create(options, loggerFactory);
        try
        {
            await database.MigrateAsync(ct);
            return new LaoshiStore(options, database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }
}

using Laoshi.Formats;
using Laoshi.Server.Access;
using Laoshi.Server.Analysis;
using Laoshi.Server.Api;
using Laoshi.Server.Cleaning;
using Laoshi.Server.Exporting;
using Laoshi.Server.Importing;
using Laoshi.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Laoshi.Server.Hosting;

/// <summary>
/// The same services the server uses, opened directly on a data folder, for the command line:
/// what the CLI does and what the API does is one code path.
/// </summary>
public sealed class Workbench : IAsyncDisposable
{
    private Workbench(LaoshiStore store, ServerSettings settings, ILoggerFactory loggerFactory)
    {
        Store = store;
        Schemas = new ProjectSchemas();
        Imports = new ImportService(store, Schemas, FormatCatalog.Default, settings, loggerFactory.CreateLogger<ImportService>());
        Exports = new ExportService(store, Schemas, FormatCatalog.Default);
        Accounts = new AccountService(store, settings.Accounts);
        ModelRegistry = new Models.ModelRegistry(store, Schemas, _http, Learning.Training.TrainerCatalog.CreateDefault());
        Analysis = new ProjectAnalysis(store, Schemas);
        ModelResolver = new Models.ModelResolver(ModelRegistry, allowFiles: true, new Models.StoredPredictionsResolver(store));
        Evaluations = new Evaluation.EvaluationService(store, Schemas, ModelResolver);
        EvaluationComparer = new Evaluation.EvaluationComparer(store);
        Cleaning = new CleaningService(store, Schemas);
        Training = new Training.TrainingService(store, Schemas, ModelRegistry);
    }

    public LaoshiStore Store { get; }
    public ProjectSchemas Schemas { get; }
    public ImportService Imports { get; }
    public ExportService Exports { get; }
    public AccountService Accounts { get; }
    /// <summary>The model registry: upload/connect, stages, thresholds, opening versions.</summary>
    public Models.ModelRegistry ModelRegistry { get; }
    /// <summary>Turns --model references into models; the command line may also name .onnx files.</summary>
    public Models.IModelResolver ModelResolver { get; }
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };
    public ProjectAnalysis Analysis { get; }
    public Evaluation.EvaluationService Evaluations { get; }
    public Evaluation.EvaluationComparer EvaluationComparer { get; }
    public CleaningService Cleaning { get; }
    /// <summary>Tracked training runs of the built-in trainers (ModelRegistry.Trainers) on snapshots.</summary>
    public Training.TrainingService Training { get; }

    public static async Task<Workbench> OpenAsync(ServerSettings settings, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var store = await LaoshiStore.OpenAsync(new StoreOptions(settings.DataDirectory, settings.Database), loggerFactory, cancellationToken);
        return new Workbench(store, settings, loggerFactory);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return Store.DisposeAsync();
    }
}

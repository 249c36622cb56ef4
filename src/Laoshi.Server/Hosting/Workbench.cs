using Laoshi.Formats;
using Laoshi.Server.Access;
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
        Cleaning = new CleaningService(store, Schemas);
    }

    public LaoshiStore Store { get; }
    public ProjectSchemas Schemas { get; }
    public ImportService Imports { get; }
    public ExportService Exports { get; }
    public AccountService Accounts { get; }
    public CleaningService Cleaning { get; }

    public static async Task<Workbench> OpenAsync(ServerSettings settings, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var store = await LaoshiStore.OpenAsync(new StoreOptions(settings.DataDirectory, settings.Database), loggerFactory, cancellationToken);
        return new Workbench(store, settings, loggerFactory);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}

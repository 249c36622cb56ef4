using Laoshi.Formats;
using Laoshi.Server.Access;
using Laoshi.Server.Api;
using Laoshi.Server.Exporting;
using Laoshi.Server.Importing;
using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Laoshi.Server.Hosting;

/// <summary>Builds the Laoshi web server: the /api/v1 HTTP API, its OpenAPI document, and the web UI.</summary>
public static class LaoshiServer
{
    public static Task<WebApplication> BuildAsync(ServerSettings settings, CancellationToken cancellationToken = default) =>
        BuildAsync(settings, null, cancellationToken);

    /// <summary>As above; <paramref name="configureServices"/> adds services after Laoshi's own (a test host adds job handlers).</summary>
    public static async Task<WebApplication> BuildAsync(ServerSettings settings, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = settings.WebRoot,
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(options =>
        {
            // Readers and the zip writer of folder formats use synchronous stream calls.
            options.AllowSynchronousIO = true;
            options.Limits.MaxRequestBodySize = null;
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // The key ring sits in the data folder, protected by the folder's permissions; the "not encrypted at rest" warning says nothing new.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var store = await LaoshiStore.OpenAsync(new StoreOptions(settings.DataDirectory, settings.Database), loggerFactory, cancellationToken);

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(FormatCatalog.Default);
        builder.Services.AddSingleton<ProjectSchemas>();
        builder.Services.AddSingleton<ImportService>();
        builder.Services.AddSingleton<ExportService>();
        builder.Services.AddLaoshiAccess(settings);
        builder.Services.AddSingleton<Quality.ProjectQuality>();
        builder.Services.AddLaoshiJobs(settings.Jobs);
        builder.Services.AddLaoshiModels();
        builder.Services.AddSingleton<Analysis.ProjectAnalysis>();
        Evaluation.EvaluationHosting.AddLaoshiEvaluation(builder.Services);
        builder.Services.AddSingleton<Cleaning.CleaningService>();
        builder.Services.AddSingleton<Jobs.IJobHandler, Cleaning.CleanJobHandler>();
        Training.TrainingHosting.AddLaoshiTraining(builder.Services);
        LabelErrors.LabelErrorsHosting.AddLaoshiLabelErrors(builder.Services);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Laoshi API";
            document.Info.Description = "Projects, items, annotations, predictions, snapshots, import and export of the Laoshi workbench.";
            return Task.CompletedTask;
        }).AddOperationTransformer(RequestShape.DescribeAsync));
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            loggerFactory.Dispose();
        });
        app.UseLaoshiProblemDetails();
        app.UseRouting();
        app.UseLaoshiAccess();
        app.MapOpenApi();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithName("Health");

        var api = app.MapGroup("/api/v1");
        api.MapProjectsApi();
        api.MapItemsApi();
        api.MapDistributionApi();
        api.MapTransferApi();
        api.MapSnapshotsApi();
        api.MapBlobsApi();
        api.MapReviewApi();
        api.MapSessionApi();
        api.MapTokensApi();
        api.MapMembersApi();
        api.MapUsersApi();
        api.MapAuditApi();
        api.MapQualityApi();
        api.MapJobsApi();
        api.MapModelsApi();
        api.MapPrelabelApi();
        api.MapQueueApi();
        api.MapAnalysisApi();
        api.MapEvaluationsApi();
        api.MapCleaningApi();
        api.MapRunsApi();
        api.MapLabelErrorsApi();
        api.MapFallback(() => Results.Problem(statusCode: 404, title: "Not found", detail: "no such API endpoint")).AllowAnyone();

        if (settings.WebRoot is not null && Directory.Exists(settings.WebRoot))
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
            app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = new PhysicalFileProvider(settings.WebRoot) });
        }
        return app;
    }
}

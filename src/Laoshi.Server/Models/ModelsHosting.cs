using Laoshi.Server.Api;
using Laoshi.Storage;
using Laoshi.Learning.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Laoshi.Server.Models;

public static class ModelsHosting
{
    /// <summary>
    /// The model registry and the model resolver (registered models, backends and stored predictions). The server never
    /// opens .onnx paths from its own disk (allowFiles: false); the command line does.
    /// </summary>
    public static IServiceCollection AddLaoshiModels(this IServiceCollection services)
    {
        // Tests and embedders may register their own catalog first; the shipped trainers otherwise.
        services.TryAddSingleton(_ => TrainerCatalog.CreateDefault());
        services.AddSingleton(sp => new ModelRegistry(sp.GetRequiredService<LaoshiStore>(), sp.GetRequiredService<ProjectSchemas>(),
            new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, sp.GetRequiredService<TrainerCatalog>()));
        services.AddSingleton<StoredPredictionsResolver>();
        services.AddSingleton<IModelResolver>(sp => new ModelResolver(sp.GetRequiredService<ModelRegistry>(), allowFiles: false,
            sp.GetRequiredService<StoredPredictionsResolver>()));
        services.AddSingleton<Jobs.IJobHandler, PrelabelJobHandler>();
        services.AddSingleton<Jobs.IJobHandler, Active.PrioritizeJobHandler>();
        return services;
    }
}

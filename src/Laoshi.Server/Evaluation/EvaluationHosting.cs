using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Laoshi.Server.Evaluation;

public static class EvaluationHosting
{
    /// <summary>
    /// The evaluation service, comparer and job handler, and predictions:VERSION for the model resolver. Call it after
    /// the model registry's registration (AddLaoshiModels), whose resolver it completes.
    /// </summary>
    public static IServiceCollection AddLaoshiEvaluation(this IServiceCollection services)
    {
        services.AddSingleton<StoredPredictionsResolver>();
        // The registry's resolver, with predictions:VERSION answered by stored predictions; without a registry, those alone.
        services.Replace(ServiceDescriptor.Singleton<IModelResolver>(sp => sp.GetService<ModelRegistry>() is { } registry
            ? new ModelResolver(registry, allowFiles: false, sp.GetRequiredService<StoredPredictionsResolver>())
            : sp.GetRequiredService<StoredPredictionsResolver>()));
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<EvaluationComparer>();
        services.AddSingleton<IJobHandler, EvaluationJobHandler>();
        return services;
    }
}

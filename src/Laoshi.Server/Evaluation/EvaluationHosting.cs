using Laoshi.Server.Jobs;
using Laoshi.Server.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Laoshi.Server.Evaluation;

public static class EvaluationHosting
{
    /// <summary>
    /// The evaluation service, comparer and job handler. The stored-predictions resolver is only a fallback: a model
    /// registry registered before this keeps its own resolver.
    /// </summary>
    public static IServiceCollection AddLaoshiEvaluation(this IServiceCollection services)
    {
        services.TryAddSingleton<IModelResolver, StoredPredictionsResolver>();
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<EvaluationComparer>();
        services.AddSingleton<IJobHandler, EvaluationJobHandler>();
        return services;
    }
}

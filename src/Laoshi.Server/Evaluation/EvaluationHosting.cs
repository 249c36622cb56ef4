using Laoshi.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Evaluation;

public static class EvaluationHosting
{
    /// <summary>
    /// The evaluation service, comparer and job handler. Models are opened through the IModelResolver that
    /// AddLaoshiModels registers.
    /// </summary>
    public static IServiceCollection AddLaoshiEvaluation(this IServiceCollection services)
    {
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<EvaluationComparer>();
        services.AddSingleton<IJobHandler, EvaluationJobHandler>();
        return services;
    }
}

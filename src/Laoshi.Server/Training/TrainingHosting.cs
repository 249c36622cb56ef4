using Laoshi.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Training;

public static class TrainingHosting
{
    /// <summary>The training service and the "training" job; trainers come from the TrainerCatalog AddLaoshiModels registers.</summary>
    public static IServiceCollection AddLaoshiTraining(this IServiceCollection services)
    {
        services.AddSingleton<TrainingService>();
        services.AddSingleton<IJobHandler, TrainingJobHandler>();
        return services;
    }
}

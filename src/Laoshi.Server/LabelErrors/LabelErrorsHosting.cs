using Laoshi.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.LabelErrors;

public static class LabelErrorsHosting
{
    /// <summary>The "label-errors" job handler; its trainers come from the TrainerCatalog AddLaoshiModels registers.</summary>
    public static IServiceCollection AddLaoshiLabelErrors(this IServiceCollection services)
    {
        services.AddSingleton<IJobHandler, LabelErrorJobHandler>();
        return services;
    }
}

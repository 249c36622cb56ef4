using Laoshi.Learning.Training;
using Laoshi.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Laoshi.Server.LabelErrors;

public static class LabelErrorsHosting
{
    /// <summary>The "label-errors" job handler, and the built-in trainers unless something registered a catalog first.</summary>
    public static IServiceCollection AddLaoshiLabelErrors(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => TrainerCatalog.CreateDefault());
        services.AddSingleton<IJobHandler, LabelErrorJobHandler>();
        return services;
    }
}

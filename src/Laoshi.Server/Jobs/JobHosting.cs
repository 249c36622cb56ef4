using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Jobs;

/// <summary>Registers the job engine: the queue (IJobQueue), this process's worker, and what they share.</summary>
public static class JobHosting
{
    public static IServiceCollection AddLaoshiJobs(this IServiceCollection services, JobSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<JobSignal>();
        services.AddSingleton<RunningJobs>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<IJobQueue>(provider => provider.GetRequiredService<JobQueue>());
        if (settings.RunJobs) services.AddHostedService<JobWorker>();
        return services;
    }
}

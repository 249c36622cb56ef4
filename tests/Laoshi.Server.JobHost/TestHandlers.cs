using Laoshi.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.JobHost;

public static class TestHandlers
{
    /// <summary>Registers the test-only job kinds, as a real handler registers itself.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IJobHandler, StepsHandler>();
        services.AddSingleton<IJobHandler, FailingHandler>();
    }
}

using Laoshi.Server.JobHost;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Tests;

/// <summary>A test server on SQLite that also runs the test-only job kinds (test-steps, test-fail).</summary>
public sealed class JobsSqliteServerFixture : ServerFixture
{
    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(null);

    protected override void ConfigureServices(IServiceCollection services) => TestHandlers.Add(services);
}

/// <summary>A test server on PostgreSQL that also runs the test-only job kinds (test-steps, test-fail).</summary>
public sealed class JobsPostgresServerFixture : ServerFixture
{
    protected override async Task<string?> CreateDatabaseAsync() =>
        TestPostgres.Skipped ? null : await TestPostgres.CreateDatabaseAsync();

    protected override Task DropDatabaseAsync() =>
        Database is null ? Task.CompletedTask : TestPostgres.DropDatabaseAsync(Database);

    protected override void ConfigureServices(IServiceCollection services) => TestHandlers.Add(services);
}

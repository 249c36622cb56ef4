using System.Text.Json.Nodes;
using Laoshi.Storage;
using Microsoft.Playwright;

namespace Laoshi.Web.Tests;

/// <summary>
/// The Jobs page: a project's queued job shows with its state, can be cancelled and retried, and its log shows who did
/// what. The job is queued through a second store on the same database, as another server process would: this test
/// server has no handler for the "train" kind, so the job stays queued until someone acts on it (it now runs
/// evaluations, cleaning passes and pre-labelling, which would start at once).
/// </summary>
public sealed class JobsPageTests(WebFixture web)
{
    [Fact]
    public async Task A_manager_cancels_a_queued_job_retries_it_and_reads_its_log()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("jobs");
        await new LaoshiApi(web.Api).CreateProjectAsync(project, TestProjects.TextConfig, ct);
        long id;
        await using (var other = await LaoshiStore.OpenAsync(new StoreOptions(web.DataDirectory), null, ct))
        {
            var projectId = (await other.Projects.GetAsync(project, ct)).Id;
            id = (await other.Jobs.EnqueueAsync(projectId, "train", new JsonObject { ["model"] = "m@1" }, "someone@laoshi.test", 3, ct)).Id;
        }

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{project}/jobs");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Jobs of {project}" })).ToBeVisibleAsync();
        var row = page.Locator($"tr[data-job='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("train");
        await Assertions.Expect(row).ToContainTextAsync("queued");
        await Assertions.Expect(row).ToContainTextAsync("someone@laoshi.test");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Cancel job {id}" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("cancelled");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Retry job {id}" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("queued");
        await Assertions.Expect(row).ToContainTextAsync("0 / 3");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Log of job {id}" }).ClickAsync();
        var log = page.GetByLabel($"Log of job {id}").Last;
        await Assertions.Expect(log).ToContainTextAsync($"cancelled by {WebFixture.AdminEmail} before it ran");
        await Assertions.Expect(log).ToContainTextAsync($"retried by {WebFixture.AdminEmail}");

        await page.GotoAsync("/#/jobs?state=queued");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"tr[data-job='{id}']")).ToContainTextAsync(project);
    }
}

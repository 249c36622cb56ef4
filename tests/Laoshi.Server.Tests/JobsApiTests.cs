using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>The job API with the test-only job kinds, on SQLite and on PostgreSQL: queue, watch, log, fail, retry, cancel, and who may do what.</summary>
public abstract class JobsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> ProjectAsync()
    {
        var name = $"jobs-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        return name;
    }

    private static async Task<JsonObject> QueueAsync(HttpClient client, string project, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/projects/{project}/jobs", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> JobAsync(HttpClient client, long id) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}", Ct))!.AsObject();

    private static async Task<JsonObject> WaitForAsync(HttpClient client, long id, Func<JsonObject, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await JobAsync(client, id);
            if (done(job)) return job;
            if (DateTime.UtcNow > deadline) Assert.Fail($"job {id} did not get there in time: {job.ToJsonString()}");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<List<string>> LogAsync(HttpClient client, long id) =>
        [.. JsonNode.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}/log", Ct))!["lines"]!.AsArray().Select(l => l!["line"]!.GetValue<string>())];

    private static string State(JsonObject job) => job["state"]!.GetValue<string>();

    [Fact]
    public async Task A_queued_job_runs_in_the_background_with_progress_log_and_result()
    {
        var project = await ProjectAsync();
        var queued = await QueueAsync(server.Client, project, new { kind = "test-steps", parameters = new { steps = 3, step_ms = 20 } });
        var id = queued["id"]!.GetValue<long>();
        Assert.Equal(project, queued["project"]!.GetValue<string>());
        Assert.Contains(State(queued), new[] { "queued", "running" });

        var done = await WaitForAsync(server.Client, id, j => State(j) == "succeeded");
        Assert.Equal(1.0, done["progress"]!.GetValue<double>());
        Assert.Equal(1, done["attempts"]!.GetValue<int>());
        Assert.Equal(3, done["result"]!["steps"]!.GetValue<int>());
        Assert.Equal(project, done["result"]!["project"]!.GetValue<string>());
        Assert.Equal(ServerFixture.AdminEmail, done["result"]!["created_by"]!.GetValue<string>());
        Assert.NotNull(done["finished_at"]);
        var log = await LogAsync(server.Client, id);
        Assert.Equal(["step 1 of 3", "step 2 of 3", "step 3 of 3", "succeeded"], log.Skip(1));
        Assert.StartsWith("attempt 1 of 3 started on ", log[0], StringComparison.Ordinal);

        var listed = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/projects/{project}/jobs", Ct))!["jobs"]!.AsArray();
        Assert.Equal(id, Assert.Single(listed)!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_the_kinds_this_server_runs()
    {
        var project = await ProjectAsync();
        var refused = await QueueAsync(server.Client, project, new { kind = "evaluatoin" }, HttpStatusCode.BadRequest);
        Assert.Contains("'evaluatoin' is unknown", refused["detail"]!.GetValue<string>());
        Assert.Contains("test-steps", refused["detail"]!.GetValue<string>());
        var kinds = JsonNode.Parse(await server.Client.GetStringAsync("/api/v1/jobs/kinds", Ct))!["kinds"]!.AsArray().Select(k => k!.GetValue<string>());
        Assert.Contains("test-fail", kinds);
        var openApi = await server.Client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/jobs/{id}/log", openApi);
        Assert.Contains("/api/v1/projects/{p}/jobs", openApi);
    }

    [Fact]
    public async Task A_handler_error_fails_the_job_at_once_and_a_retry_runs_it_again_as_the_same_job()
    {
        var project = await ProjectAsync();
        var id = (await QueueAsync(server.Client, project, new { kind = "test-fail", parameters = new { message = "snapshot 'test' has no items" } }))["id"]!.GetValue<long>();
        var failed = await WaitForAsync(server.Client, id, j => State(j) == "failed");
        Assert.Contains("snapshot 'test' has no items", failed["error"]!.GetValue<string>());
        Assert.Equal(1, failed["attempts"]!.GetValue<int>());

        var retried = await server.Client.PostAsync($"/api/v1/jobs/{id}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var again = await WaitForAsync(server.Client, id, j => State(j) == "failed" && j["attempts"]!.GetValue<int>() == 2);
        Assert.Equal(4, again["max_attempts"]!.GetValue<int>());
        Assert.Contains($"retried by {ServerFixture.AdminEmail}", await LogAsync(server.Client, id));
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_and_a_finished_job_cannot_be_cancelled()
    {
        var project = await ProjectAsync();
        var id = (await QueueAsync(server.Client, project, new { kind = "test-steps", parameters = new { steps = 600, step_ms = 100 } }))["id"]!.GetValue<long>();
        await WaitForAsync(server.Client, id, j => j["progress"]!.GetValue<double>() > 0);

        var cancel = await server.Client.PostAsync($"/api/v1/jobs/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await WaitForAsync(server.Client, id, j => State(j) == "cancelled");
        Assert.True(cancelled["progress"]!.GetValue<double>() < 0.5);
        Assert.Contains($"cancel requested by {ServerFixture.AdminEmail}", await LogAsync(server.Client, id));

        var again = await server.Client.PostAsync($"/api/v1/jobs/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Reviewers_see_a_projects_jobs_managers_change_them_and_annotators_see_none()
    {
        var project = await ProjectAsync();
        var id = (await QueueAsync(server.Client, project, new { kind = "test-steps", parameters = new { steps = 1 } }))["id"]!.GetValue<long>();
        await WaitForAsync(server.Client, id, j => State(j) == "succeeded");

        var annotator = await server.ClientAsAsync($"ann-{project}", project, "annotator");
        Assert.Equal(HttpStatusCode.NotFound, (await annotator.GetAsync($"/api/v1/jobs/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync($"/api/v1/jobs?project={project}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.PostAsJsonAsync($"/api/v1/projects/{project}/jobs", new { kind = "test-steps" }, Ct)).StatusCode);
        var own = JsonNode.Parse(await annotator.GetStringAsync("/api/v1/jobs", Ct))!["jobs"]!.AsArray();
        Assert.Empty(own);

        var reviewer = await server.ClientAsAsync($"rev-{project}", project, "reviewer");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/api/v1/jobs/{id}/log", Ct)).StatusCode);
        var listed = JsonNode.Parse(await reviewer.GetStringAsync($"/api/v1/jobs?project={project}", Ct))!["jobs"]!.AsArray();
        Assert.Equal(id, Assert.Single(listed)!["id"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync($"/api/v1/jobs/{id}/retry", null, Ct)).StatusCode);

        var manager = await server.ClientAsAsync($"man-{project}", project, "manager");
        var mine = (await QueueAsync(manager, project, new { kind = "test-fail", max_attempts = 1 }))["id"]!.GetValue<long>();
        await WaitForAsync(manager, mine, j => State(j) == "failed");
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsJsonAsync($"/api/v1/jobs/{mine}/retry", new { max_attempts = 2 }, Ct)).StatusCode);
        var managersOwn = JsonNode.Parse(await manager.GetStringAsync("/api/v1/jobs", Ct))!["jobs"]!.AsArray();
        Assert.Equal(mine, Assert.Single(managersOwn)!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Jobs_are_listed_newest_first_page_by_page_with_filters()
    {
        var project = await ProjectAsync();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add((await QueueAsync(server.Client, project, new { kind = "test-steps", parameters = new { steps = 1 } }))["id"]!.GetValue<long>());
        foreach (var id in ids) await WaitForAsync(server.Client, id, j => State(j) == "succeeded");

        var first = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/jobs?project={project}&limit=2", Ct))!;
        Assert.Equal([ids[2], ids[1]], first["jobs"]!.AsArray().Select(j => j!["id"]!.GetValue<long>()));
        var next = Uri.EscapeDataString(first["next"]!.GetValue<string>());
        var second = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/jobs?project={project}&limit=2&cursor={next}", Ct))!;
        Assert.Equal([ids[0]], second["jobs"]!.AsArray().Select(j => j!["id"]!.GetValue<long>()));
        Assert.Null(second["next"]);
        var none = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/jobs?project={project}&state=failed", Ct))!;
        Assert.Empty(none["jobs"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.GetAsync("/api/v1/jobs?state=done", Ct)).StatusCode);
    }
}

public sealed class SqliteJobsApiTests(JobsSqliteServerFixture server) : JobsApiTests(server), IClassFixture<JobsSqliteServerFixture>;

public sealed class PostgresJobsApiTests(JobsPostgresServerFixture server) : JobsApiTests(server), IClassFixture<JobsPostgresServerFixture>;

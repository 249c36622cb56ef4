using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>The dashboard's quality section once two people have answered the same items.</summary>
public sealed class QualityDashboardTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    private static JsonObject Answer(string who, string choice, double seconds) => new()
    {
        ["completed_by"] = who,
        ["lead_time"] = seconds,
        ["result"] = new JsonArray(new JsonObject
        {
            ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
            ["value"] = new JsonObject { ["choices"] = new JsonArray(choice) },
        }),
    };

    [Fact]
    public async Task Agreement_over_time_speed_and_per_label_agreement_are_drawn_for_two_annotators()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("quality");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        string[] alice = ["joy", "joy", "sadness", "joy", "sadness", "sadness"];
        string[] bob = ["joy", "sadness", "sadness", "joy", "sadness", "joy"];
        await api.ImportAsync(project, Enumerable.Range(0, alice.Length).Select(i => new JsonObject
        {
            ["data"] = new JsonObject { ["text"] = $"sentence {i}" },
            ["annotations"] = new JsonArray(Answer("alice", alice[i], 12), Answer("bob", bob[i], 30)),
        }), ct);

        // Gold answers for the first two items (alice matches both, bob one), and bob's answer on the last item rejected.
        var ids = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items", ct))!["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<long>()).ToList();
        foreach (var id in ids.Take(2))
        {
            var known = new JsonObject { ["result"] = Answer("gold", "joy", 0)["result"]!.DeepClone() };
            (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/items/{id}/gold", known, ct)).EnsureSuccessStatusCode();
        }
        var last = (await web.Api.GetFromJsonAsync<JsonObject>($"/api/v1/projects/{project}/items/{ids[^1]}", ct))!;
        var bobs = last["annotations"]!.AsArray().Single(a => a!["completed_by"]!.GetValue<string>() == "bob")!["id"]!.GetValue<long>();
        (await web.Api.PostAsJsonAsync($"/api/v1/projects/{project}/annotations/{bobs}/review",
            new JsonObject { ["action"] = "reject", ["comment"] = "read it again" }, ct)).EnsureSuccessStatusCode();

        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{Uri.EscapeDataString(project)}/dashboard");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quality", Exact = true })).ToBeVisibleAsync();

        var overTime = page.GetByRole(AriaRole.Img, new() { Name = "Agreement per day (Krippendorff's alpha)" });
        await Assertions.Expect(overTime).ToBeVisibleAsync();
        await Assertions.Expect(overTime.Locator("circle")).ToHaveCountAsync(1); // all answers came today

        var speed = page.GetByRole(AriaRole.Img, new() { Name = "Items per hour per person" });
        await Assertions.Expect(speed).ToBeVisibleAsync();
        await Assertions.Expect(speed.Locator("rect")).ToHaveCountAsync(2);
        await Assertions.Expect(speed).ToContainTextAsync("alice");
        await Assertions.Expect(speed).ToContainTextAsync("300.0"); // 3600 / 12 s

        var perLabel = page.GetByRole(AriaRole.Img, new() { Name = "Agreement per label (alpha, one label against the rest)" });
        await Assertions.Expect(perLabel).ToBeVisibleAsync();
        await Assertions.Expect(perLabel).ToContainTextAsync("joy");
        await Assertions.Expect(perLabel).ToContainTextAsync("sadness");
        await Assertions.Expect(page.GetByText("Krippendorff's alpha (emotion):")).ToBeVisibleAsync();
        // alice and bob agree on 4 of 6 items; bob's rejected answer on the last (where they differ) leaves it out: 4 of 5.
        var withOthers = page.GetByRole(AriaRole.Img, new() { Name = "How often each person agrees with the others' majority" });
        await Assertions.Expect(withOthers).ToContainTextAsync("80%");

        var gold = page.GetByRole(AriaRole.Img, new() { Name = "Accuracy on gold items, per person" });
        await Assertions.Expect(gold).ToContainTextAsync("100% · 2/2");
        await Assertions.Expect(gold).ToContainTextAsync("33% · 1/2"); // a wrong class counts as a missed gold label and an extra one
        var rejected = page.GetByRole(AriaRole.Img, new() { Name = "Share of reviewed answers rejected, per person" });
        await Assertions.Expect(rejected).ToContainTextAsync("bob");
        await Assertions.Expect(rejected).ToContainTextAsync("100% · 1/1");
    }
}

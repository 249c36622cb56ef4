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
        // alice and bob agree on 4 of 6 items: each agrees with "the others" (the other one) 67% of the time.
        var withOthers = page.GetByRole(AriaRole.Img, new() { Name = "How often each person agrees with the others' majority" });
        await Assertions.Expect(withOthers).ToContainTextAsync("67%");
    }
}

using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>Named-entity spans selected with the mouse in Chinese text, and a class chosen for the whole item.</summary>
public sealed class TextWorkspaceTests(WebFixture web)
{
    private readonly LaoshiApi api = new(web.Api);

    [Fact]
    public async Task A_Chinese_name_selected_with_the_mouse_and_labelled_PER_is_saved_with_its_offsets_beside_the_chosen_class()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = TestProjects.UniqueName("ner");
        await api.CreateProjectAsync(project, TestProjects.TextConfig, ct);
        const string sentence = "昨天王小明在上海见到了老朋友，非常开心。";
        await api.ImportAsync(project, [new JsonObject { ["data"] = new JsonObject { ["text"] = sentence } }], ct);
        await using var browser = await web.OpenAsync();
        var work = new Workspace(browser.Page);
        var id = await work.OpenAsync(project);

        // 王小明 is characters 2..5: press just inside the first one's left edge, release inside the last one's right edge.
        var start = sentence.IndexOf("王小明", StringComparison.Ordinal);
        var (left, top, height) = await CharacterEdgeAsync(work, start, leftEdge: true);
        var (right, _, _) = await CharacterEdgeAsync(work, start + 2, leftEdge: false);
        await work.DragAsync(left + 1, top + height / 2, right - 1, top + height / 2);
        await work.Control("PER").ClickAsync();
        await Assertions.Expect(work.Regions).ToHaveCountAsync(1);
        await work.Control("joy").ClickAsync();
        await work.Button("Submit").ClickAsync();

        var result = await api.AnnotationResultAsync(project, id, ct);
        var span = result.Single(r => r!["type"]!.GetValue<string>() == "labels")!["value"]!;
        Assert.Equal(start, span["start"]!.GetValue<int>());
        Assert.Equal(start + 3, span["end"]!.GetValue<int>());
        Assert.Equal("王小明", span["text"]!.GetValue<string>());
        Assert.Equal(["PER"], span["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        var choice = result.Single(r => r!["type"]!.GetValue<string>() == "choices")!["value"]!;
        Assert.Equal(["joy"], choice["choices"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    /// <summary>The screen position of one character's left or right edge in the text area.</summary>
    private static async Task<(double X, double Top, double Height)> CharacterEdgeAsync(Workspace work, int index, bool leftEdge)
    {
        var rect = await work.TextArea.EvaluateAsync<double[]>("""
            (doc, index) => {
              const walker = document.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
              let seen = 0;
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const length = node.textContent.length;
                if (index < seen + length) {
                  const range = document.createRange();
                  range.setStart(node, index - seen);
                  range.setEnd(node, index - seen + 1);
                  const r = range.getBoundingClientRect();
                  return [r.left, r.right, r.top, r.height];
                }
                seen += length;
              }
              throw new Error('no character ' + index);
            }
            """, index);
        return (leftEdge ? rect[0] : rect[1], rect[2], rect[3]);
    }
}

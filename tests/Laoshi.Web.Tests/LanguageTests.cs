namespace Laoshi.Web.Tests;

/// <summary>The language switch in the header turns the whole UI Chinese and is remembered across reloads.</summary>
public sealed class LanguageTests(WebFixture web)
{
    [Fact]
    public async Task Switching_to_Chinese_renames_the_controls_and_survives_a_reload()
    {
        var ct = TestContext.Current.CancellationToken;
        var project = await TestProjects.ImagesAsync(new LaoshiApi(web.Api), "lang", TestProjects.BoxConfig, 1, ct);
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        var work = new Workspace(page);
        await work.OpenAsync(project);
        await Assertions.Expect(work.Button("Submit")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Language" }).SelectOptionAsync("zh-CN");
        await Assertions.Expect(work.Button("提交")).ToBeVisibleAsync();
        await Assertions.Expect(work.Button("跳过")).ToBeVisibleAsync();
        await Assertions.Expect(work.Button("撤销")).ToBeVisibleAsync();
        await Assertions.Expect(work.Button("重做")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Application, new() { Name = "图像标注" })).ToBeVisibleAsync();
        await Assertions.Expect(work.Button("Submit")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await work.ItemIdAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "语言" })).ToHaveValueAsync("zh-CN");
        await Assertions.Expect(work.Button("提交")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.GotoAsync("/#/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "项目" })).ToBeVisibleAsync();
    }
}

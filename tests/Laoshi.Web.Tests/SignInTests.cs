using Laoshi.Server.Demo;

namespace Laoshi.Web.Tests;

/// <summary>Signing in through the page, and what an annotator is and is not shown.</summary>
public sealed class SignInTests(WebFixture web)
{
    [Fact]
    public async Task A_wrong_password_is_refused_in_place_the_right_one_reaches_the_projects_and_an_annotator_sees_no_members_page()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"ann-{Guid.NewGuid():N}"[..12] + "@laoshi.test";
        var password = await web.PersonAsync(email, DemoBuilder.TextProject, "annotator");
        await using var browser = await web.OpenAsync(signedIn: false);
        var page = browser.Page;

        await page.GotoAsync("/#/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Laoshi" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not-my-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong email or password");
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync("");

        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Signed in as {email}")).ToBeVisibleAsync();
        // Only the projects the annotator belongs to are listed.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = DemoBuilder.TextProject, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = DemoBuilder.ImagesProject, Exact = true })).ToHaveCountAsync(0);

        await page.GotoAsync($"/#/p/{DemoBuilder.TextProject}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Members" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/#/p/{DemoBuilder.TextProject}/members");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("owner");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Laoshi" })).ToBeVisibleAsync();
        await page.GotoAsync("/#/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Laoshi" })).ToBeVisibleAsync();
        ct.ThrowIfCancellationRequested();
    }

    [Fact]
    public async Task An_owner_changes_a_members_role_on_the_members_page()
    {
        var email = $"mem-{Guid.NewGuid():N}"[..12] + "@laoshi.test";
        await web.PersonAsync(email, DemoBuilder.AudioProject, "annotator");
        await using var browser = await web.OpenAsync();
        var page = browser.Page;
        await page.GotoAsync($"/#/p/{DemoBuilder.AudioProject}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();
        var role = page.GetByRole(AriaRole.Combobox, new() { Name = $"Role of {email}" });
        await Assertions.Expect(role).ToHaveValueAsync("annotator");
        await role.SelectOptionAsync("reviewer");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = $"Role of {email}" })).ToHaveValueAsync("reviewer");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {email}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = $"Role of {email}" })).ToHaveCountAsync(0);
    }
}

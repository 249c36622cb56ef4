using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Server.Access;
using Laoshi.Server.Api;

namespace Laoshi.Server.Tests;

/// <summary>Signing in (passwords, lockout, browser sessions, CSRF), API tokens, members and the audit log, on both databases.</summary>
public abstract class AccountsApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}"[..20] + "@Example.test";

    private async Task<(string Email, string Password)> PersonAsync(string who, bool admin = false)
    {
        var email = NewEmail(who);
        var created = await server.Accounts.CreateAsync(email, null, admin, ct: Ct);
        return (email, created.GeneratedPassword!);
    }

    /// <summary>A client that keeps cookies, like a browser.</summary>
    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = server.BaseAddress };
        return (client, cookies);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/session", new { email, password }, Ct);

    private async Task<string> CreateProjectAsync(HttpClient client)
    {
        var name = $"acc-{Guid.NewGuid():N}"[..20];
        var response = await client.PostAsJsonAsync("/api/v1/projects", new { name, schema = TestSchemas.TextConfig }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return name;
    }

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        var (email, _) = await PersonAsync("wrong");
        var wrong = await SignInAsync(server.AnonymousClient(), email, "not-the-password");
        var unknown = await SignInAsync(server.AnonymousClient(), NewEmail("nobody"), "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await JsonAsync(wrong))["detail"]!.GetValue<string>(), (await JsonAsync(unknown))["detail"]!.GetValue<string>());
        Assert.Equal(SessionApi.SignInRefused, (await JsonAsync(unknown))["detail"]!.GetValue<string>());
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password_until_the_lock_ends()
    {
        var (email, password) = await PersonAsync("lock");
        for (var i = 0; i < new AccountSettings().MaxFailedAttempts; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(server.AnonymousClient(), email, $"guess-{i}-guess")).StatusCode);
        var locked = await SignInAsync(server.AnonymousClient(), email, password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(SessionApi.SignInRefused, (await JsonAsync(locked))["detail"]!.GetValue<string>());
        var credentials = await server.Store.Accounts.FindCredentialsAsync(email.ToUpperInvariant(), Ct);
        Assert.True(credentials!.LockedUntil > DateTimeOffset.UtcNow.AddMinutes(14));

        // The lock ends by itself: the same rules with a lock of a moment.
        var quick = new AccountService(server.Store, new AccountSettings { MaxFailedAttempts = 2, Lockout = TimeSpan.FromMilliseconds(300) });
        var (other, otherPassword) = await PersonAsync("lock2");
        Assert.False((await quick.SignInAsync(other, "wrong-wrong", Ct)).Succeeded);
        var second = await quick.SignInAsync(other, "wrong-wrong", Ct);
        Assert.True(second.LockedNow);
        Assert.Equal(SignInFailure.Locked, (await quick.SignInAsync(other, otherPassword, Ct)).Failure);
        await Task.Delay(400, Ct);
        Assert.True((await quick.SignInAsync(other.ToUpperInvariant(), otherPassword, Ct)).Succeeded);
    }

    [Fact]
    public async Task A_browser_session_signs_in_needs_the_csrf_header_for_changes_and_signs_out()
    {
        var (email, password) = await PersonAsync("browser");
        var (browser, cookies) = Browser();
        var signedIn = await SignInAsync(browser, email.ToUpperInvariant(), password);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var setCookie = string.Join(";", signedIn.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.Contains(AccessHosting.SessionCookie, setCookie);
        Assert.Contains("httponly", setCookie);
        Assert.Contains("samesite=strict", setCookie);

        var me = await JsonAsync(await browser.GetAsync("/api/v1/me", Ct));
        Assert.Equal(email, me["email"]!.GetValue<string>());
        Assert.False(me["is_admin"]!.GetValue<bool>());

        var name = $"csrf-{Guid.NewGuid():N}"[..20];
        var body = new { name, schema = TestSchemas.TextConfig };
        var forged = await browser.PostAsJsonAsync("/api/v1/projects", body, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains(Caller.CsrfHeader, (await JsonAsync(forged))["detail"]!.GetValue<string>());

        browser.DefaultRequestHeaders.Add(Caller.CsrfHeader, "1");
        Assert.Equal(HttpStatusCode.Created, (await browser.PostAsJsonAsync("/api/v1/projects", body, Ct)).StatusCode);
        me = await JsonAsync(await browser.GetAsync("/api/v1/me", Ct));
        var mine = Assert.Single(me["projects"]!.AsArray());
        Assert.Equal(name, mine!["name"]!.GetValue<string>());
        Assert.Equal("owner", mine["role"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/v1/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.DoesNotContain(cookies.GetCookies(server.BaseAddress), c => c.Name == AccessHosting.SessionCookie && !c.Expired);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "keys"), "*.xml"));
    }

    [Fact]
    public async Task A_token_is_shown_once_works_as_bearer_and_stops_working_when_revoked()
    {
        var (email, password) = await PersonAsync("tokens");
        var (browser, _) = Browser();
        browser.DefaultRequestHeaders.Add(Caller.CsrfHeader, "1");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, email, password)).StatusCode);
        var created = await browser.PostAsJsonAsync("/api/v1/tokens", new { name = "nightly import" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await JsonAsync(created);
        var token = json["token"]!.GetValue<string>();
        var id = json["id"]!.GetValue<long>();

        var script = server.AnonymousClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(email, (await JsonAsync(await script.GetAsync("/api/v1/me", Ct)))["email"]!.GetValue<string>());
        // A bearer request needs no CSRF header.
        Assert.Equal(HttpStatusCode.Created, (await script.PostAsJsonAsync("/api/v1/projects", new { name = $"tok-{Guid.NewGuid():N}"[..20], schema = TestSchemas.TextConfig }, Ct)).StatusCode);

        var listed = await JsonAsync(await browser.GetAsync("/api/v1/tokens", Ct));
        var entry = Assert.Single(listed["tokens"]!.AsArray());
        Assert.Equal("nightly import", entry!["name"]!.GetValue<string>());
        Assert.Null(entry["token"]);
        Assert.DoesNotContain(token, listed.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/v1/tokens/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.DeleteAsync($"/api/v1/tokens/{id}", Ct)).StatusCode);
        var rubbish = server.AnonymousClient();
        rubbish.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lsk_made-up");
        Assert.Equal(HttpStatusCode.Unauthorized, (await rubbish.GetAsync("/api/v1/projects", Ct)).StatusCode);
    }

    [Fact]
    public async Task People_see_only_their_projects_and_owners_manage_members()
    {
        var name = await CreateProjectAsync(server.Client);
        var other = await CreateProjectAsync(server.Client);
        var annotatorEmail = NewEmail("ann");
        var annotator = await server.ClientAsAsync(annotatorEmail, name, "annotator");
        var projects = await JsonAsync(await annotator.GetAsync("/api/v1/projects", Ct));
        Assert.Equal([name], projects["projects"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync($"/api/v1/projects/{other}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync("/api/v1/projects/no-such-project", Ct)).StatusCode);

        var owner = await server.ClientAsAsync(NewEmail("own"), name, "owner");
        var promoted = await owner.PostAsJsonAsync($"/api/v1/projects/{name}/members", new { email = annotatorEmail.ToUpperInvariant(), role = "reviewer" }, Ct);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("reviewer", (await JsonAsync(promoted))["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await annotator.GetAsync($"/api/v1/projects/{name}/stats/activity", Ct)).StatusCode);

        var unknown = await owner.PostAsJsonAsync($"/api/v1/projects/{name}/members", new { email = NewEmail("ghost"), role = "annotator" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var badRole = await owner.PostAsJsonAsync($"/api/v1/projects/{name}/members", new { email = annotatorEmail, role = "boss" }, Ct);
        Assert.Equal("role", (await JsonAsync(badRole))["errors"]![0]!["field"]!.GetValue<string>());

        var members = await JsonAsync(await owner.GetAsync($"/api/v1/projects/{name}/members", Ct));
        Assert.Contains(members["members"]!.AsArray(), m => m!["email"]!.GetValue<string>() == annotatorEmail && m["role"]!.GetValue<string>() == "reviewer");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/projects/{name}/members/{Uri.EscapeDataString(annotatorEmail)}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync($"/api/v1/projects/{name}", Ct)).StatusCode);

        // The admin who created the project is its owner; with a second owner gone, the last one cannot leave.
        var ownerEmail = (await JsonAsync(await owner.GetAsync("/api/v1/me", Ct)))["email"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/projects/{name}/members/{Uri.EscapeDataString(ServerFixture.AdminEmail)}", Ct)).StatusCode);
        var last = await owner.DeleteAsync($"/api/v1/projects/{name}/members/{Uri.EscapeDataString(ownerEmail)}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_records_who_did_what_where_and_owners_can_page_and_export_it()
    {
        var (email, password) = await PersonAsync("audited");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(server.AnonymousClient(), email, "wrong-password")).StatusCode);
        var (browser, _) = Browser();
        browser.DefaultRequestHeaders.Add(Caller.CsrfHeader, "1");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, email, password)).StatusCode);
        var name = await CreateProjectAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync($"/api/v1/projects/{name}/import?format=jsonl", new StringContent("{\"text\": \"a\"}\n{\"text\": \"b\"}"), Ct)).StatusCode);
        var item = await JsonAsync(await browser.PostAsync($"/api/v1/projects/{name}/next", null, Ct));
        var id = item["id"]!.GetValue<long>();
        var result = new JsonArray(new JsonObject { ["id"] = "c", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices", ["value"] = new JsonObject { ["choices"] = new JsonArray("joy") } });
        Assert.Equal(HttpStatusCode.Created, (await browser.PostAsync($"/api/v1/projects/{name}/items/{id}/annotations",
            new StringContent(new JsonObject { ["result"] = result }.ToJsonString(), Encoding.UTF8, "application/json"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/v1/projects/{name}/export?format=jsonl", Ct)).StatusCode);
        var memberEmail = NewEmail("member");
        await server.AccountAsync(memberEmail);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync($"/api/v1/projects/{name}/members", new { email = memberEmail, role = "annotator" }, Ct)).StatusCode);

        var log = await JsonAsync(await browser.GetAsync($"/api/v1/projects/{name}/audit", Ct));
        var entries = log["entries"]!.AsArray();
        Assert.Equal(["create_project", "import", "submit_annotation", "export", "set_member"],
            entries.Select(e => e!["action"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal(email, e!["actor"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal("127.0.0.1", e!["ip"]!.GetValue<string>()));
        var submit = entries[2]!;
        Assert.Equal(id, submit["item_id"]!.GetValue<long>());
        Assert.Equal(201, submit["detail"]!["status"]!.GetValue<int>());
        Assert.Equal(2, entries[1]!["detail"]!["items"]!.GetValue<long>());
        Assert.Equal(memberEmail, entries[4]!["target"]!.GetValue<string>());

        var filtered = await JsonAsync(await browser.GetAsync($"/api/v1/projects/{name}/audit?action=import&from=2000-01-01T00:00:00Z", Ct));
        Assert.Single(filtered["entries"]!.AsArray());
        var firstPage = await JsonAsync(await browser.GetAsync($"/api/v1/projects/{name}/audit?limit=4", Ct));
        Assert.Equal(4, firstPage["entries"]!.AsArray().Count);
        var secondPage = await JsonAsync(await browser.GetAsync($"/api/v1/projects/{name}/audit?limit=4&cursor={firstPage["next"]!.GetValue<string>()}", Ct));
        Assert.Single(secondPage["entries"]!.AsArray());
        Assert.Null(secondPage["next"]);

        var jsonl = await browser.GetAsync($"/api/v1/projects/{name}/audit?format=jsonl", Ct);
        Assert.Equal("application/jsonl", jsonl.Content.Headers.ContentType?.MediaType);
        var lines = (await jsonl.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("set_member", JsonNode.Parse(lines[^1])!["action"]!.GetValue<string>());

        // Sign-ins live outside projects: the server-wide log (admins only) has them, failures included.
        var all = await JsonAsync(await server.Client.GetAsync($"/api/v1/audit?actor={Uri.EscapeDataString(email)}&limit=1000", Ct));
        var actions = all["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Equal("sign_in_failed", actions[0]);
        Assert.Equal("sign_in", actions[1]);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/audit", Ct)).StatusCode);
    }
}

public sealed class SqliteAccountsApiTests(SqliteServerFixture server) : AccountsApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresAccountsApiTests(PostgresServerFixture server) : AccountsApiTests(server), IClassFixture<PostgresServerFixture>;

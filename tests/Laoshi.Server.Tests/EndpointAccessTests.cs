using System.Net;
using System.Text;
using Laoshi.Server.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Tests;

/// <summary>
/// Every /api/v1 endpoint the server maps — found in its EndpointDataSource, so endpoints added later are covered
/// without touching this test — declares who may call it, refuses callers without credentials (401) and callers one
/// role too low (403), and lets the right role through.
/// </summary>
public sealed class EndpointAccessTests(SqliteServerFixture server) : IClassFixture<SqliteServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Call(string Method, string Path, AccessRule Rule, string Display);

    private IReadOnlyList<Call> Calls(string project)
    {
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
        Assert.NotEmpty(endpoints);
        var calls = new List<Call>();
        foreach (var endpoint in endpoints)
        {
            var rules = endpoint.Metadata.GetOrderedMetadata<AccessRule>();
            Assert.True(rules.Count == 1, $"{endpoint.DisplayName} ({endpoint.RoutePattern.RawText}) must carry exactly one access rule, not {rules.Count}");
            if (endpoint.RoutePattern.Parameters.Any(p => p.IsCatchAll)) continue; // the API's 404 fallback
            var path = endpoint.RoutePattern.RawText!;
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                var value = parameter.Name == "p" ? project
                    : parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.Empty.ToString()
                    : parameter.ParameterPolicies.Any(p => p.Content == "bool") ? "true"
                    : "1";
                path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + parameter.Name + "(:[^}]*)?\\}", value);
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods) calls.Add(new Call(method, path, rules[0], $"{method} {endpoint.RoutePattern.RawText}"));
        }
        return calls;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, Call call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
        if (call.Method is not ("GET" or "HEAD" or "DELETE")) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Every_endpoint_refuses_the_anonymous_and_the_too_low_and_admits_the_right_role()
    {
        var project = $"access-{Guid.NewGuid():N}"[..20];
        var created = await server.Client.PostAsync("/api/v1/projects",
            new StringContent($$"""{"name": "{{project}}", "schema": {{System.Text.Json.JsonSerializer.Serialize(TestSchemas.TextConfig)}}}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var imported = await server.Client.PostAsync($"/api/v1/projects/{project}/import?format=jsonl", new StringContent("{\"text\": \"a\"}"), Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var anonymous = server.AnonymousClient();
        var outsider = await server.ClientWithTokenAsync((await server.AccountAsync($"outsider-{project}@test")).Id);
        var byRole = new Dictionary<ProjectRole, HttpClient>();
        foreach (var role in Enum.GetValues<ProjectRole>())
            byRole[role] = await server.ClientAsAsync($"{ProjectRoles.Name(role)}-{project}@test", project, ProjectRoles.Name(role));

        var calls = Calls(project);
        Assert.Contains(calls, c => c.Rule.Kind == AccessKind.ProjectMember);
        var failures = new List<string>();
        foreach (var call in calls)
        {
            if (call.Rule.Kind != AccessKind.Anyone)
            {
                var status = await SendAsync(anonymous, call);
                if (status != HttpStatusCode.Unauthorized) failures.Add($"{call.Display} without credentials: {(int)status}, expected 401");
            }

            HttpClient? tooLow = call.Rule.Kind switch
            {
                AccessKind.Admin => byRole[ProjectRole.Owner],
                AccessKind.ProjectMember when call.Rule.MinimumRole == ProjectRole.Annotator => outsider,
                AccessKind.ProjectMember => byRole[call.Rule.MinimumRole - 1],
                _ => null,
            };
            if (tooLow is not null)
            {
                var status = await SendAsync(tooLow, call);
                if (status != HttpStatusCode.Forbidden) failures.Add($"{call.Display} with a role below {call.Rule}: {(int)status}, expected 403");
            }

            var right = call.Rule.Kind switch
            {
                AccessKind.Admin => server.Client,
                AccessKind.ProjectMember => byRole[call.Rule.MinimumRole],
                _ => outsider,
            };
            // Sign-out would end nothing here (tokens are not sessions), so every call can run with its right role.
            var passed = await SendAsync(right, call);
            if (passed is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) failures.Add($"{call.Display} with {call.Rule}: {(int)passed}, expected to pass the access check");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task An_api_endpoint_without_an_access_rule_is_closed_even_to_an_admin()
    {
        var admin = await server.AccountAsync(ServerFixture.AdminEmail);
        var context = new DefaultHttpContext { RequestServices = server.Services, User = Caller.For(admin, Caller.TokenAuth) };
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/forgotten";
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "forgotten"));
        var reached = false;
        var check = new AccessCheck(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        }, server.Store, server.Services.GetRequiredService<RoleCache>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<AccessCheck>.Instance);

        await check.InvokeAsync(context);

        Assert.False(reached);
        Assert.Equal(403, context.Response.StatusCode);
    }
}

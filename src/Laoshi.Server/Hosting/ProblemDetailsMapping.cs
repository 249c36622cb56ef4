using System.Text.Json;
using Laoshi.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Server.Hosting;

/// <summary>
/// Turns Laoshi's errors into problem-details responses: 400 with every input error and where it is,
/// 404, 409; anything unexpected is a 500 without internals.
/// </summary>
public static class ProblemDetailsMapping
{
    public static void UseLaoshiProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, title, detail, errors) = error switch
            {
                BadInputException bad => (400, "Bad input", bad.Message, bad.Errors),
                LaoshiException known => (known.StatusCode, known.StatusCode switch { 404 => "Not found", 403 => "Forbidden", _ => "Conflict" }, known.Message, null),
                BadHttpRequestException http => (http.StatusCode, "Bad request", http.InnerException?.Message ?? http.Message, null),
                JsonException json => (400, "Bad input", $"request body is not valid JSON: {json.Message}", null),
                OperationCanceledException => (499, "Cancelled", "the request was cancelled", null),
                _ => (500, "Internal error", "the server failed; the log has the details", (IReadOnlyList<InputError>?)null),
            };
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            context.Response.StatusCode = status;
            var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
            if (errors is not null)
            {
                problem.Extensions["errors"] = errors.Select(e => new Dictionary<string, object?>
                {
                    ["message"] = e.Message, ["file"] = e.File, ["line"] = e.Line, ["path"] = e.Path, ["field"] = e.Field,
                }).ToList();
            }
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = error });
        }));
        app.UseStatusCodePages();
    }
}

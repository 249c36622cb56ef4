using Laoshi.Server.Access;
using Laoshi.Server.Hosting;
using Laoshi.Formats;
using Laoshi.Formats.Sinks;
using Laoshi.Server.Exporting;
using Laoshi.Server.Importing;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

/// <summary>Import (the file is the streamed request body) and export (streamed response).</summary>
public static class TransferApi
{
    public static RouteGroupBuilder MapTransferApi(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{p}/import", async (
            string p, string? format, bool? skip_bad, string? filename, HttpContext context,
            LaoshiStore store, ImportService imports, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
            var name = filename ?? $"upload{ExtensionFor(format, context.Request.ContentType)}";
            var source = new ImportSource(name, OpenStream: () => new NonClosingStream(context.Request.Body));
            var summary = await imports.ImportAsync(project, [source], new ImportOptions(format ?? "auto", skip_bad ?? false), null, ct);
            var note = AuditNote.For(context);
            note.Target = name;
            note.Detail["format"] = format ?? "auto";
            note.Detail["items"] = summary.Items;
            note.Detail["annotations"] = summary.Annotations;
            note.Detail["predictions"] = summary.Predictions;
            note.Detail["refused"] = summary.Refused;
            return TypedResults.Ok(new ImportResponse(summary.Items, summary.Annotations, summary.Predictions, summary.Refused,
                summary.Errors.Select(e => new ErrorEntry(e.Message, e.File, e.Line, e.Path, e.Field)).ToList()));
        }).WithName("Import").RequireProjectRole(ProjectRole.Manager).WithMetadata(new RequestShape(typeof(Stream), "application/octet-stream")).WithSummary("Imports the request body (a file, or a zip for folder formats) in the given format.");

        api.MapGet("/projects/{p}/export", async (
            string p, string? format, string? snapshot, int? version, HttpContext context,
            LaoshiStore store, ExportService exports, CancellationToken ct) =>
        {
            var project = await store.Projects.GetAsync(p, ct);
            var writer = exports.Writer(format ?? "jsonl");
            // Checked here too, before the zip sink exists: disposing it would start a 200 response before the 404.
            if (snapshot is not null) await store.Snapshots.GetAsync(project.Id, snapshot, version, ct);
            var note = AuditNote.For(context);
            note.Target = snapshot;
            note.Detail["format"] = writer.Name;
            if (version is not null) note.Detail["version"] = version;
            var response = context.Response;
            var fileName = writer.MultiFile ? $"{project.Name}-{writer.Name}.zip" : $"{project.Name}-{writer.DefaultFileName}";
            response.ContentType = writer.MultiFile ? "application/zip" : ContentTypeFor(writer.DefaultFileName);
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            if (writer.MultiFile)
            {
                await using var zip = new ZipSink(response.Body);
                await exports.ExportAsync(project, writer.Name, snapshot, version, zip, ct);
            }
            else
            {
                await exports.ExportAsync(project, writer.Name, snapshot, version, new SingleFileSink(response.Body), ct);
            }
            return Results.Empty;
        }).WithName("Export").RequireProjectRole(ProjectRole.Manager).WithMetadata(new AuditedRead()).WithSummary("Streams the project, or a snapshot of it, in an export format (zip for folder formats).");

        return api;
    }

    private static string ExtensionFor(string? format, string? contentType) => format switch
    {
        "jsonl" => ".jsonl",
        "csv" => ".csv",
        "conll" => ".conll",
        "labelstudio" or "coco" => ".json",
        _ when contentType?.Contains("zip") == true => ".zip",
        _ => "",
    };

    private static string ContentTypeFor(string fileName) => Path.GetExtension(fileName) switch
    {
        ".jsonl" => "application/jsonl",
        ".json" => "application/json",
        ".csv" => "text/csv; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
}

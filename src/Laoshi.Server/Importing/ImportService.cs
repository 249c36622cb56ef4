using System.IO.Compression;
using System.Text.Json;
using Laoshi.Core.Errors;
using Laoshi.Core.Transfer;
using Laoshi.Formats;
using Laoshi.Server.Api;
using Laoshi.Server.Hosting;
using Laoshi.Storage;
using Microsoft.Extensions.Logging;

namespace Laoshi.Server.Importing;

/// <summary>
/// Imports files into a project: reads each source with its format's reader as a stream, brings the
/// referenced media into the blob store, checks every answer against the rules, and writes everything in
/// one transaction, so an import either lands whole or (without skip-bad) leaves nothing behind.
/// </summary>
public sealed class ImportService(
    LaoshiStore store, ProjectSchemas schemas, FormatCatalog formats, ServerSettings settings, ILogger<ImportService> logger)
{
    public async Task<ImportSummary> ImportAsync(
        ProjectInfo project, IReadOnlyList<ImportSource> sources, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var schema = schemas.For(project);
        var errors = new List<InputError>();
        long refused = 0, items = 0;
        StreamWriter? badRows = null;
        var badRowsPath = options.BadRowsPath ?? Path.Combine(Path.GetTempPath(), $"laoshi-bad-rows-{Guid.NewGuid():N}.jsonl");
        using var fetcher = new UrlFetcher(settings.Import);
        var temporary = new List<string>();

        try
        {
            await using var batch = await store.Items.BeginImportAsync(project.Id, cancellationToken);
            var media = new MediaIngest(batch, fetcher, settings.Import.MaxFileBytes);
            var answers = new AnswerPreparer(store.Blobs, batch);
            foreach (var original in sources)
            {
                var (source, format) = await ResolveAsync(original, options.Format, temporary, cancellationToken);
                var reader = formats.Reader(format);
                long bytesRead = 0;
                var total = source.Path is not null && File.Exists(source.Path) ? new FileInfo(source.Path).Length : (long?)null;
                var counted = source.OpenStream is null && source.Path is not null && File.Exists(source.Path)
                    ? source with { OpenStream = () => new CountingStream(File.OpenRead(source.Path), n => bytesRead = n) }
                    : source;

                // Asked once per source: BaseDirectory looks at the disk, which costs a fifth of a plain import per row.
                var baseDirectory = counted.BaseDirectory;
                await foreach (var row in reader.ReadAsync(counted, schema, cancellationToken))
                {
                    var problems = row switch
                    {
                        BadRow bad => [bad.Error],
                        GoodRow good => await AddAsync(batch, good.Item, baseDirectory, schema, media, answers, cancellationToken),
                        _ => [],
                    };
                    if (problems.Count == 0)
                    {
                        items++;
                    }
                    else
                    {
                        refused++;
                        foreach (var problem in problems)
                        {
                            if (errors.Count < settings.Import.MaxReportedErrors) errors.Add(problem);
                            if (options.SkipBad) await WriteBadRowAsync(badRows ??= new StreamWriter(badRowsPath), problem, cancellationToken);
                        }
                        if (!options.SkipBad && errors.Count >= settings.Import.MaxReportedErrors) break;
                    }
                    if ((items + refused) % 1000 == 0) progress?.Report(new ImportProgress(source.Name, items, refused, bytesRead, total));
                }
                progress?.Report(new ImportProgress(source.Name, items, refused, total ?? bytesRead, total));
                if (!options.SkipBad && refused > 0) break;
            }

            if (!options.SkipBad && refused > 0)
            {
                logger.LogInformation("Import into {Project} refused: {Refused} bad rows; nothing was written", project.Name, refused);
                throw new BadInputException(errors);
            }
            var counts = await batch.CommitAsync(cancellationToken);
            logger.LogInformation("Imported {Items} items into {Project} ({Refused} refused)", counts.Items, project.Name, refused);
            return new ImportSummary(counts.Items, counts.Annotations, counts.Predictions, refused, errors,
                options.SkipBad && refused > 0 ? badRowsPath : null);
        }
        finally
        {
            if (badRows is not null) await badRows.DisposeAsync();
            foreach (var path in temporary)
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else File.Delete(path);
            }
        }
    }

    private static async Task<IReadOnlyList<InputError>> AddAsync(
        ImportBatch batch, ImportedItem item, string? baseDirectory, Core.Schema.ProjectSchema schema,
        MediaIngest media, AnswerPreparer answers, CancellationToken cancellationToken)
    {
        try
        {
            var data = item.Data;
            foreach (var file in item.Files)
            {
                data[file.DataKey] = await media.StoreFileAsync(file.Path, cancellationToken);
            }
            await media.ResolveMediaFieldsAsync(schema, data, baseDirectory, cancellationToken);

            var annotations = await PrepareAllAsync(item.Annotations, "annotations");
            var predictions = await PrepareAllAsync(item.Predictions, "predictions");
            await batch.AddAsync(data, annotations, predictions, cancellationToken);
            return [];

            async Task<List<ImportedAnswer>> PrepareAllAsync(IReadOnlyList<ImportedAnswer> answersOfKind, string kind)
            {
                var prepared = new List<ImportedAnswer>(answersOfKind.Count);
                for (var i = 0; i < answersOfKind.Count; i++)
                {
                    var answer = answersOfKind[i];
                    var result = await answers.PrepareAsync(schema, data, answer.Result, item.Where.File, item.Where.Line,
                        $"{item.Where.Path ?? "$"}.{kind}[{i}].result", cancellationToken);
                    prepared.Add(answer with { Result = result });
                }
                return prepared;
            }
        }
        catch (BadInputException e)
        {
            return e.Errors.Select(error => error with
            {
                File = error.File ?? item.Where.File,
                Line = error.Line ?? item.Where.Line,
            }).ToList();
        }
    }

    /// <summary>Settles the format and, for zip archives, unpacks them into a folder that is imported instead.</summary>
    private static async Task<(ImportSource Source, string Format)> ResolveAsync(
        ImportSource source, string format, List<string> temporary, CancellationToken cancellationToken)
    {
        if (source.Path is null && (string.Equals(format, "auto", StringComparison.OrdinalIgnoreCase) || format == "folder"))
        {
            // One image or audio file as the body is one item (a browser uploads picked files one by one).
            var saved = await SaveAsync(source, temporary, cancellationToken);
            var extension = await SingleMediaUpload.MediaExtensionAsync(saved, cancellationToken);
            if (extension is not null) return (new ImportSource(source.Name, SingleMediaUpload.FolderOf(saved, source.Name, extension, temporary)), "folder");
            if (format != "folder")
            {
                await using (var head = File.OpenRead(saved)) format = FormatCatalog.DetectFile(source.Name, head);
            }
            source = new ImportSource(source.Name, saved);
        }
        if (string.Equals(format, "auto", StringComparison.OrdinalIgnoreCase))
        {
            if (source.Path is not null)
            {
                format = FormatCatalog.Detect(source.Path);
            }
            else
            {
                // A stream can be read once: keep it on disk so detection can look at its head.
                var file = await SaveAsync(source, temporary, cancellationToken);
                await using (var head = File.OpenRead(file)) format = FormatCatalog.DetectFile(source.Name, head);
                source = new ImportSource(source.Name, file);
            }
        }
        var zipped = format == "zip" || (source.Path is not null && File.Exists(source.Path) && IsZip(source.Path));
        if (zipped || (source.Path is null && format is "yolo" or "voc" or "folder"))
        {
            var file = source.Path ?? await SaveAsync(source, temporary, cancellationToken);
            var folder = Path.Combine(Path.GetTempPath(), $"laoshi-import-{Guid.NewGuid():N}");
            temporary.Add(folder);
            try
            {
                ZipFile.ExtractToDirectory(file, folder);
            }
            catch (InvalidDataException e)
            {
                throw new BadInputException($"not a readable zip archive: {e.Message}", source.Name);
            }
            var inner = SingleSubfolder(folder);
            if (format is "zip" or "auto") format = FormatCatalog.Detect(inner);
            source = new ImportSource(source.Name, inner);
        }
        return (source, format);
    }

    private static string SingleSubfolder(string folder)
    {
        var entries = Directory.GetFileSystemEntries(folder);
        return entries.Length == 1 && Directory.Exists(entries[0]) ? entries[0] : folder;
    }

    private static bool IsZip(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static async Task<string> SaveAsync(ImportSource source, List<string> temporary, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"laoshi-upload-{Guid.NewGuid():N}{Path.GetExtension(source.Name)}");
        temporary.Add(file);
        await using var input = source.Open();
        await using var output = File.Create(file);
        await input.CopyToAsync(output, cancellationToken);
        return file;
    }

    private static async Task WriteBadRowAsync(StreamWriter writer, InputError error, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(new { file = error.File, line = error.Line, path = error.Path, field = error.Field, message = error.Message });
        await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.ImageDatasets;

namespace Laoshi.Formats.Coco;

/// <summary>
/// Reads a COCO instances file (a JSON file, or a folder holding one) into items with one annotation each:
/// boxes become rectanglelabels, polygons polygonlabels (when the schema has such a control), visible keypoints
/// keypointlabels, all in pixels. Image files are resolved beside the JSON or in its images/ folder.
/// The file is streamed once; annotations wait in a temporary file until their image is emitted.
/// </summary>
public sealed class CocoReader(CocoReaderOptions? options = null) : IImportReader
{
    private const int MaxReportedErrors = 10_000;
    private readonly CocoReaderOptions options = options ?? new CocoReaderOptions();

    public string Name => "coco";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var target = ImageAnnotationSchema.Resolve(schema, "COCO");
        var (fileName, open) = Locate(source);
        var parser = new CocoElementParser(fileName);
        var images = new List<CocoImage>();
        var imageIds = new HashSet<long>();
        var categories = new Dictionary<long, CocoCategory>();
        var errors = new List<InputError>();
        var droppedErrors = 0;
        using var store = new CocoAnnotationStore();

        void Report(InputError error)
        {
            if (errors.Count < MaxReportedErrors) errors.Add(error);
            else droppedErrors++;
        }

        void OnElement(string property, int index, JsonElement element)
        {
            try
            {
                switch (property)
                {
                    case "images":
                        var image = parser.Image(element, index);
                        if (imageIds.Add(image.Id)) images.Add(image);
                        else Report(new InputError($"image id {image.Id} appears twice", fileName, Path: $"$.images[{index}]", Field: "id"));
                        break;
                    case "categories":
                        var category = parser.Category(element, index);
                        if (!categories.TryAdd(category.Id, category))
                            Report(new InputError($"category id {category.Id} appears twice", fileName, Path: $"$.categories[{index}]", Field: "id"));
                        break;
                    case "annotations":
                        var imageId = parser.AnnotationImageId(element, index);
                        try
                        {
                            store.Add(imageId, parser.Annotation(element, index));
                        }
                        catch (BadInputException e)
                        {
                            store.AddError(imageId, e.Errors[0]);
                        }
                        break;
                }
            }
            catch (BadInputException e)
            {
                Report(e.Errors[0]);
            }
        }

        await using (var stream = open())
            await new TopLevelArrayScanner(fileName, OnElement).ScanAsync(stream, cancellationToken);

        foreach (var error in errors) yield return new BadRow(error);
        if (droppedErrors > 0) yield return new BadRow(new InputError($"{droppedErrors} more errors like the ones above", fileName));

        var builder = new CocoItemBuilder(target, categories, fileName, source.BaseDirectory, options);
        foreach (var image in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var row in builder.Build(image, store.Take(image.Id, fileName)))
                yield return row;
        }

        foreach (var orphan in store.PendingImageIds.ToList())
        {
            var first = store.Take(orphan, fileName)[0];
            var path = first is CocoAnnotation a ? $"$.annotations[{a.Index}]" : ((InputError)first).Path;
            yield return new BadRow(new InputError($"annotation refers to image_id {orphan}, which is not in images", fileName, Path: path, Field: "image_id"));
        }
    }

    /// <summary>The JSON file to read: the source itself, or the one JSON file in a folder (or its annotations/ folder).</summary>
    private static (string Name, Func<Stream> Open) Locate(ImportSource source)
    {
        if (source.Path is null || !Directory.Exists(source.Path)) return (source.Name, source.Open);
        var candidates = Directory.EnumerateFiles(source.Path, "*.json")
            .Concat(Directory.Exists(Path.Combine(source.Path, "annotations")) ? Directory.EnumerateFiles(Path.Combine(source.Path, "annotations"), "*.json") : [])
            .ToList();
        if (candidates.Count != 1)
            throw new BadInputException(
                candidates.Count == 0 ? "no COCO JSON file in the folder or its annotations/ folder" : $"{candidates.Count} JSON files in the folder; name the one to import",
                source.Name);
        var file = candidates[0];
        return (file, () => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan));
    }
}

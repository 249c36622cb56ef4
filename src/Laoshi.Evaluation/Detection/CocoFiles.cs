using System.Text.Json;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Detection;

/// <summary>
/// Reads COCO instance files (ground truth) and COCO result files (detections: a list of {image_id, category_id, bbox, score},
/// or an instances-shaped object whose annotations carry scores) into <see cref="DetectionBox"/>es. The JSON is read as a
/// stream straight into small records; every mistake is reported with the file and the JSON path.
/// </summary>
public static class CocoFiles
{
    private const int MaxErrors = 100;

    public static async Task<CocoGroundTruth> ReadTruthAsync(string path, CancellationToken cancellationToken)
    {
        var file = await ReadObjectAsync(path, cancellationToken);
        var errors = new List<InputError>();
        if (file.Annotations is null) errors.Add(new InputError("a COCO ground-truth file needs an \"annotations\" list", path, Path: "$", Field: "annotations"));
        if (file.Categories is null) errors.Add(new InputError("a COCO ground-truth file needs a \"categories\" list", path, Path: "$", Field: "categories"));
        if (errors.Count > 0) throw new BadInputException(errors);

        var categories = ReadCategories(path, file.Categories!, errors);
        var names = CategoryNames(categories);
        HashSet<string>? declared = null;
        if (file.Images is not null)
        {
            declared = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < file.Images.Count; i++)
            {
                if (file.Images[i].Id is { } id) declared.Add(id);
                else errors.Add(new InputError("an image needs an id", path, Path: $"$.images[{i}]", Field: "id"));
            }
        }

        var boxes = new List<DetectionBox>(file.Annotations!.Count);
        for (var i = 0; i < file.Annotations.Count && errors.Count < MaxErrors; i++)
        {
            var box = ToBox(path, "$.annotations", i, file.Annotations[i], names, declared, scored: false, errors);
            if (box is not null) boxes.Add(box);
        }
        if (errors.Count > 0) throw new BadInputException(errors);
        var images = declared ?? [.. boxes.Select(b => b.Image)];
        return new CocoGroundTruth(boxes, names, images);
    }

    public static async Task<IReadOnlyList<DetectionBox>> ReadDetectionsAsync(string path, CocoGroundTruth truth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var errors = new List<InputError>();
        var boxes = new List<DetectionBox>();
        await using var stream = Open(path);
        if (await FirstSignificantByteAsync(stream, cancellationToken) == (byte)'[')
        {
            var reader = new CocoResultListReader(path, errors);
            await reader.ReadAsync(stream, (where, record) =>
            {
                if (errors.Count < MaxErrors && ToBox(path, "$", where, record, truth.Categories, truth.Images, scored: true, errors) is { } box) boxes.Add(box);
            }, cancellationToken);
        }
        else
        {
            var file = await ReadObjectAsync(path, stream, cancellationToken);
            if (file.Annotations is null) throw new BadInputException("a detections file is a list of results or an object with an \"annotations\" list", path, path: "$", field: "annotations");
            for (var i = 0; i < file.Annotations.Count && errors.Count < MaxErrors; i++)
            {
                if (ToBox(path, "$.annotations", i, file.Annotations[i], truth.Categories, truth.Images, scored: true, errors) is { } box) boxes.Add(box);
            }
        }
        if (errors.Count > 0) throw new BadInputException(errors);
        return boxes;
    }

    private static DetectionBox? ToBox(string file, string list, int index, CocoAnnotationRecord record, IReadOnlyDictionary<long, string> categories,
        IReadOnlySet<string>? images, bool scored, List<InputError> errors)
    {
        var before = errors.Count;
        // Built only when something is wrong: there may be millions of rows.
        string Where() => $"{list}[{index}]";
        if (record.ImageId is null) errors.Add(new InputError("missing image_id", file, Path: Where(), Field: "image_id"));
        else if (images is not null && !images.Contains(record.ImageId))
            errors.Add(new InputError($"image {record.ImageId} is not among the ground truth's images", file, Path: Where(), Field: "image_id"));
        string? category = null;
        if (record.CategoryId is not { } categoryId) errors.Add(new InputError("missing category_id", file, Path: Where(), Field: "category_id"));
        else if (!categories.TryGetValue(categoryId, out category))
            errors.Add(new InputError($"category {categoryId} is not among the ground truth's categories", file, Path: Where(), Field: "category_id"));
        if (record.Bbox is not { Length: 4 } bbox || bbox.Any(v => !double.IsFinite(v)))
            errors.Add(new InputError("bbox must be [x, y, width, height] (four numbers)", file, Path: Where(), Field: "bbox"));
        else if (bbox[2] < 0 || bbox[3] < 0)
            errors.Add(new InputError($"bbox width and height must not be negative (got {bbox[2]} × {bbox[3]})", file, Path: Where(), Field: "bbox"));
        if (scored && (record.Score is not { } score || !double.IsFinite(score)))
            errors.Add(new InputError("a detection needs a score", file, Path: Where(), Field: "score"));
        if (!scored && record.Area is { } area && (!double.IsFinite(area) || area < 0))
            errors.Add(new InputError($"area must not be negative (got {area})", file, Path: Where(), Field: "area"));
        if (errors.Count > before) return null;

        var b = record.Bbox!;
        // Detections' areas are always width × height, as pycocotools' loadRes sets them; ground truth keeps its own.
        return new DetectionBox(record.ImageId!, category!, b[0], b[1], b[2], b[3],
            scored ? record.Score : null, !scored && record.IsCrowd, scored ? null : record.Area);
    }

    private static Dictionary<long, (string Name, string Where)> ReadCategories(string file, List<CocoCategoryRecord> records, List<InputError> errors)
    {
        var categories = new Dictionary<long, (string, string)>();
        for (var i = 0; i < records.Count; i++)
        {
            var where = $"$.categories[{i}]";
            if (records[i].Id is not { } id) errors.Add(new InputError("a category needs an id", file, Path: where, Field: "id"));
            else if (string.IsNullOrEmpty(records[i].Name)) errors.Add(new InputError("a category needs a name", file, Path: where, Field: "name"));
            else if (!categories.TryAdd(id, (records[i].Name!, where))) errors.Add(new InputError($"category id {id} appears twice", file, Path: where, Field: "id"));
        }
        return categories;
    }

    /// <summary>Names by id; a name used by two ids gets its id appended so that per-class figures stay apart.</summary>
    private static Dictionary<long, string> CategoryNames(Dictionary<long, (string Name, string Where)> categories)
    {
        var counts = categories.Values.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return categories.ToDictionary(c => c.Key, c => counts[c.Value.Name] > 1 ? $"{c.Value.Name}#{c.Key}" : c.Value.Name);
    }

    private static async Task<CocoFileRecord> ReadObjectAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = Open(path);
        return await ReadObjectAsync(path, stream, cancellationToken);
    }

    private static async Task<CocoFileRecord> ReadObjectAsync(string path, Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<CocoFileRecord>(stream, cancellationToken: cancellationToken)
                ?? throw new BadInputException("expected a JSON object", path, path: "$");
        }
        catch (JsonException e)
        {
            throw Malformed(path, e);
        }
    }

    private static BadInputException Malformed(string path, JsonException e) =>
        new(new InputError($"not valid COCO JSON: {FirstSentence(e.Message)}", path, e.LineNumber + 1, e.Path));

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read the file: {e.Message}", path);
        }
    }

    /// <summary>Peeks at the first non-blank byte (after a BOM) and rewinds, to tell a result list from an object.</summary>
    private static async Task<byte> FirstSignificantByteAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        stream.Position = 0;
        var start = read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
        for (var i = start; i < read; i++)
        {
            if (buffer[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return buffer[i];
        }
        return 0;
    }
}

using System.Globalization;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Detection;

/// <summary>
/// The plain-text layout many VOC tools use: a folder with one .txt file per image (the file name is the image id),
/// one box a line, in pixels — ground truth <c>class left top width height [difficult]</c>, detections
/// <c>class confidence left top width height</c>. Files are read in name order, one line at a time.
/// </summary>
public static class DetectionTextFolder
{
    public static Task<IReadOnlyList<DetectionBox>> ReadTruthAsync(string folder, CancellationToken cancellationToken) =>
        ReadAsync(folder, scored: false, cancellationToken);

    public static Task<IReadOnlyList<DetectionBox>> ReadDetectionsAsync(string folder, CancellationToken cancellationToken) =>
        ReadAsync(folder, scored: true, cancellationToken);

    private static async Task<IReadOnlyList<DetectionBox>> ReadAsync(string folder, bool scored, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) throw new BadInputException("not a folder of .txt files", folder);
        var files = Directory.GetFiles(folder, "*.txt");
        Array.Sort(files, StringComparer.Ordinal);
        var boxes = new List<DetectionBox>();
        var errors = new List<InputError>();
        foreach (var file in files)
        {
            var image = Path.GetFileNameWithoutExtension(file);
            using var reader = new StreamReader(file);
            var lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 0) continue;
                var box = Parse(file, lineNumber, image, fields, scored, errors);
                if (box is not null) boxes.Add(box);
                if (errors.Count >= 100) throw new BadInputException(errors);
            }
        }
        if (errors.Count > 0) throw new BadInputException(errors);
        return boxes;
    }

    private static DetectionBox? Parse(string file, int line, string image, string[] fields, bool scored, List<InputError> errors)
    {
        var expected = scored ? "class confidence left top width height" : "class left top width height [difficult]";
        var numbers = scored ? 5 : 4;
        if (fields.Length < 1 + numbers || fields.Length > 2 + numbers || (scored && fields.Length != 1 + numbers))
        {
            errors.Add(new InputError($"expected \"{expected}\", got {fields.Length} fields", file, line));
            return null;
        }
        string[] names = scored ? ["confidence", "left", "top", "width", "height"] : ["left", "top", "width", "height"];
        var values = new double[numbers];
        for (var i = 0; i < numbers; i++)
        {
            if (!double.TryParse(fields[1 + i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
            {
                errors.Add(new InputError($"not a number: \"{fields[1 + i]}\"", file, line, Field: names[i]));
                return null;
            }
        }
        var offset = scored ? 1 : 0;
        if (values[offset + 2] < 0 || values[offset + 3] < 0)
        {
            errors.Add(new InputError("width and height must not be negative", file, line, Field: "width"));
            return null;
        }
        var difficult = false;
        if (fields.Length == 2 + numbers)
        {
            if (fields[^1] is "difficult" or "1") difficult = true;
            else if (fields[^1] is not "0")
            {
                errors.Add(new InputError($"the last field may only be \"difficult\", 1 or 0, got \"{fields[^1]}\"", file, line, Field: "difficult"));
                return null;
            }
        }
        return new DetectionBox(image, fields[0], values[offset], values[offset + 1], values[offset + 2], values[offset + 3],
            scored ? values[0] : null, difficult);
    }
}

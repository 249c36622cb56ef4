using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Detection;

/// <summary>Rejects boxes no evaluator can score, naming the list, the position and the field.</summary>
internal static class DetectionInputCheck
{
    public static void Check(IReadOnlyList<DetectionBox> truth, IReadOnlyList<DetectionBox> detections)
    {
        var errors = new List<InputError>();
        CheckBoxes(truth, "truth", needsScore: false, errors);
        CheckBoxes(detections, "detections", needsScore: true, errors);
        if (errors.Count > 0) throw new BadInputException(errors);
    }

    private static void CheckBoxes(IReadOnlyList<DetectionBox> boxes, string list, bool needsScore, List<InputError> errors)
    {
        for (var i = 0; i < boxes.Count && errors.Count < 100; i++)
        {
            var box = boxes[i];
            var path = $"{list}[{i}]";
            if (string.IsNullOrEmpty(box.Image)) errors.Add(new InputError("a box needs the image it is on", Path: path, Field: "image"));
            if (string.IsNullOrEmpty(box.Category)) errors.Add(new InputError("a box needs a category", Path: path, Field: "category"));
            if (!double.IsFinite(box.X) || !double.IsFinite(box.Y)) errors.Add(new InputError("the corner must be a finite number", Path: path, Field: "bbox"));
            if (!double.IsFinite(box.Width) || box.Width < 0 || !double.IsFinite(box.Height) || box.Height < 0)
                errors.Add(new InputError($"width and height must be finite and not negative (got {box.Width} × {box.Height})", Path: path, Field: "bbox"));
            if (box.Area is { } area && (!double.IsFinite(area) || area < 0))
                errors.Add(new InputError($"area must be finite and not negative (got {area})", Path: path, Field: "area"));
            if (needsScore && (box.Score is not { } score || !double.IsFinite(score)))
                errors.Add(new InputError("a detection needs a finite score", Path: path, Field: "score"));
        }
    }
}

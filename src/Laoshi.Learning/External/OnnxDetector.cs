using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;

namespace Laoshi.Learning.External;

/// <summary>
/// An uploaded YOLO-style ONNX detector: each image is letterboxed into the input size, the raw boxes are decoded
/// (either output layout), filtered by confidence, reduced by NMS and mapped back to the image's own pixels as
/// rectanglelabels regions. Images go one at a time: exported detectors mostly have a fixed batch of one.
/// </summary>
public sealed class OnnxDetector : IItemModel
{
    private readonly OnnxGraph _graph;
    private readonly OnnxDetectorOptions _options;
    private readonly IMediaSource _media;
    private readonly int _width;
    private readonly int _height;

    public OnnxDetector(OnnxGraph graph, OnnxDetectorOptions options, IMediaSource media, string version)
    {
        _graph = graph;
        _options = options;
        _media = media;
        Version = version;
        if (options.Labels.Count == 0) throw new BadInputException("a detector needs its label names, in class-index order", field: "labels");
        var shape = graph.InputShape;
        if (shape.Count != 4) throw new BadInputException($"a detector takes 1×3×H×W; this model's input is [{string.Join(", ", shape)}]", field: "file");
        _height = shape[2] > 0 ? shape[2] : options.InputHeight;
        _width = shape[3] > 0 ? shape[3] : options.InputWidth;
    }

    public string Version { get; }

    public async Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var answers = new List<ModelAnswer>(inputs.Count);
        foreach (var input in inputs) answers.Add(await PredictOneAsync(input, cancellationToken));
        return answers;
    }

    private async Task<ModelAnswer> PredictOneAsync(ModelInput input, CancellationToken ct)
    {
        var reference = ItemData.MediaReference(input, _options.InputField);
        var tensor = new float[3 * _width * _height];
        LetterboxedImage placement;
        await using (var stream = await _media.OpenAsync(reference, ct))
            placement = LetterboxedImage.Draw(stream, reference, _width, _height, keepAspect: true, _options.Preprocessing ?? ImagePreprocessing.Default, tensor);
        var (values, shape) = await Task.Run(() => _graph.Run(tensor, [1, 3, _height, _width]), ct);
        var kept = NonMaxSuppression.Apply(Decode(values, shape, placement), _options.IouThreshold, _options.MaxDetections, _options.ClassAgnosticNms);
        var regions = kept.Select((d, i) => new Region
        {
            Id = $"{input.ItemId}-b{i}",
            FromName = _options.Target.Control,
            ToName = _options.Target.Field,
            Type = RegionTypes.RectangleLabels,
            Labels = [_options.Labels[d.ClassIndex]],
            X = d.X,
            Y = d.Y,
            Width = d.Width,
            Height = d.Height,
            OriginalWidth = placement.OriginalWidth,
            OriginalHeight = placement.OriginalHeight,
            Score = d.Score,
        }).ToList();
        return new ModelAnswer(input.ItemId, regions, regions.Count == 0 ? null : regions.Average(r => r.Score!.Value));
    }

    private List<Detection> Decode(float[] values, long[] shape, LetterboxedImage placement)
    {
        var classes = _options.Labels.Count;
        if (shape.Length != 3 || shape[0] != 1)
            throw new ModelBackendException($"the detector answered shape [{string.Join(", ", shape)}]; expected [1, boxes, 5 + classes] or [1, 4 + classes, boxes]");
        // Rows are boxes when the last dimension is a box record; otherwise the boxes run along the last dimension.
        var rowsAreBoxes = shape[2] == 5 + classes || (shape[2] == 4 + classes && shape[1] != 4 + classes);
        var attributes = (int)(rowsAreBoxes ? shape[2] : shape[1]);
        var boxes = (int)(rowsAreBoxes ? shape[1] : shape[2]);
        var objectness = attributes == 5 + classes;
        if (!objectness && attributes != 4 + classes)
            throw new ModelBackendException($"the detector answered {attributes} values a box; {classes} labels need {4 + classes} or {5 + classes}");
        float At(int box, int attribute) => rowsAreBoxes ? values[box * attributes + attribute] : values[attribute * boxes + box];

        var found = new List<Detection>();
        var first = objectness ? 5 : 4;
        for (var b = 0; b < boxes; b++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++)
                if (At(b, first + c) > At(b, first + best)) best = c;
            var score = At(b, first + best) * (objectness ? At(b, 4) : 1f);
            if (score < _options.ConfidenceThreshold) continue;
            double cx = At(b, 0), cy = At(b, 1), w = At(b, 2), h = At(b, 3);
            var x0 = Math.Clamp((cx - w / 2 - placement.PadX) / placement.ScaleX, 0, placement.OriginalWidth);
            var y0 = Math.Clamp((cy - h / 2 - placement.PadY) / placement.ScaleY, 0, placement.OriginalHeight);
            var x1 = Math.Clamp((cx + w / 2 - placement.PadX) / placement.ScaleX, 0, placement.OriginalWidth);
            var y1 = Math.Clamp((cy + h / 2 - placement.PadY) / placement.ScaleY, 0, placement.OriginalHeight);
            if (x1 <= x0 || y1 <= y0) continue;
            found.Add(new Detection(best, x0, y0, x1 - x0, y1 - y0, score));
        }
        return found;
    }

    public ValueTask DisposeAsync()
    {
        _graph.Dispose();
        return ValueTask.CompletedTask;
    }
}

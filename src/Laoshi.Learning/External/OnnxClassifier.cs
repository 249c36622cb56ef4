using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;

namespace Laoshi.Learning.External;

/// <summary>
/// An uploaded ONNX classifier asked item by item (or in one batch when its first dimension is dynamic): each answer
/// is one choice, the most probable label, with every label's probability in ClassScores.
/// </summary>
public sealed class OnnxClassifier : IItemModel
{
    private readonly OnnxGraph _graph;
    private readonly OnnxClassifierOptions _options;
    private readonly IMediaSource _media;
    private readonly int[] _itemShape;
    private readonly bool _batches;

    public OnnxClassifier(OnnxGraph graph, OnnxClassifierOptions options, IMediaSource media, string version)
    {
        _graph = graph;
        _options = options;
        _media = media;
        Version = version;
        if (options.Labels.Count == 0) throw new BadInputException("a classifier needs its labels, in the order of its outputs", field: "labels");
        var shape = graph.InputShape;
        _batches = shape.Count > 0 && shape[0] < 0;
        if (options.InputKind == OnnxInputKind.Image)
        {
            if (shape.Count != 4 || (shape[1] != 3 && shape[1] >= 0))
                throw new BadInputException($"an image classifier takes N×3×H×W; this model's input is [{string.Join(", ", shape)}]", field: "file");
            var height = shape[2] > 0 ? shape[2] : options.ImageHeight ?? throw new BadInputException("the model's image height is dynamic; give image_height", field: "image_height");
            var width = shape[3] > 0 ? shape[3] : options.ImageWidth ?? throw new BadInputException("the model's image width is dynamic; give image_width", field: "image_width");
            _itemShape = [3, height, width];
        }
        else
        {
            _itemShape = [.. shape.Skip(1)];
            if (_itemShape.Any(d => d < 0))
                throw new BadInputException($"the tensor input [{string.Join(", ", shape)}] has a dynamic size after the batch dimension", field: "file");
        }
        var classes = graph.OutputShape.Count > 0 ? graph.OutputShape[^1] : -1;
        if (classes > 0 && classes != options.Labels.Count)
            throw new BadInputException($"the model gives {classes} class scores but {options.Labels.Count} labels were given", field: "labels");
    }

    public string Version { get; }

    public async Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var answers = new List<ModelAnswer>(inputs.Count);
        var batch = _batches ? Math.Max(1, inputs.Count) : 1;
        for (var start = 0; start < inputs.Count; start += batch)
        {
            var chunk = inputs.Skip(start).Take(batch).ToList();
            answers.AddRange(await PredictChunkAsync(chunk, cancellationToken));
        }
        return answers;
    }

    private async Task<IEnumerable<ModelAnswer>> PredictChunkAsync(List<ModelInput> chunk, CancellationToken ct)
    {
        var itemSize = _itemShape.Aggregate(1, (a, b) => a * b);
        var tensor = new float[itemSize * chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            var slot = tensor.AsMemory(i * itemSize, itemSize);
            if (_options.InputKind == OnnxInputKind.Tensor)
            {
                ItemData.Numbers(chunk[i], _options.InputField, slot.Span);
                continue;
            }
            var reference = ItemData.MediaReference(chunk[i], _options.InputField);
            await using var stream = await _media.OpenAsync(reference, ct);
            LetterboxedImage.Draw(stream, reference, _itemShape[2], _itemShape[1], keepAspect: false,
                _options.Preprocessing ?? ImagePreprocessing.Default, slot.Span);
        }
        long[] shape = [chunk.Count, .. _itemShape.Select(d => (long)d)];
        var (values, outputShape) = await Task.Run(() => _graph.Run(tensor, shape), ct);
        var classes = _options.Labels.Count;
        if (outputShape.Length == 0 || outputShape[^1] != classes || values.Length != classes * chunk.Count)
            throw new ModelBackendException($"the model answered shape [{string.Join(", ", outputShape)}]; expected [{chunk.Count}, {classes}]");
        return chunk.Select((input, i) => Answer(input, Softmax.Probabilities(values.AsSpan(i * classes, classes), _options.Activation)));
    }

    private ModelAnswer Answer(ModelInput input, double[] probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
            if (probabilities[c] > probabilities[best]) best = c;
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var c = 0; c < probabilities.Length; c++) scores[_options.Labels[c]] = probabilities[c];
        var region = new Region
        {
            Id = $"{input.ItemId}-c",
            FromName = _options.Target.Control,
            ToName = _options.Target.Field,
            Type = RegionTypes.Choices,
            Labels = [_options.Labels[best]],
            Score = probabilities[best],
        };
        return new ModelAnswer(input.ItemId, [region], probabilities[best], scores);
    }

    public ValueTask DisposeAsync()
    {
        _graph.Dispose();
        return ValueTask.CompletedTask;
    }
}

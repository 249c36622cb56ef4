using System.Globalization;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;

namespace Laoshi.Learning.Audio;

/// <summary>
/// Pre-segments audio items: each stretch of voice becomes one "labels" region on the audio field (start and end in
/// seconds, channel 0, as audio annotations are stored) carrying one label, so an annotator only adjusts edges and
/// relabels instead of drawing every segment. It learns nothing; its options are its whole model.
/// </summary>
public sealed class VoiceActivityModel(ModelTarget target, string inputField, string label, VoiceActivityOptions options, IMediaSource media, string version)
    : IItemModel
{
    public string Version => version;

    public async Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken)
    {
        var answers = new List<ModelAnswer>(inputs.Count);
        foreach (var input in inputs)
        {
            var segments = await SegmentsAsync(input, cancellationToken);
            var regions = segments.Select((s, i) => new Region
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{input.ItemId}-vad{i + 1}"),
                FromName = target.Control,
                ToName = target.Field,
                Type = RegionTypes.Labels,
                Labels = [label],
                StartTime = s.Start,
                EndTime = s.End,
                Channel = 0,
                Score = s.Score,
            }).ToList();
            answers.Add(new ModelAnswer(input.ItemId, regions, regions.Count == 0 ? null : regions.Average(r => r.Score!.Value)));
        }
        return answers;
    }

    private async Task<IReadOnlyList<VoiceSegment>> SegmentsAsync(ModelInput input, CancellationToken cancellationToken)
    {
        var reference = AudioInput.Reference(input, inputField);
        await using var stream = await media.OpenAsync(reference, cancellationToken);
        try
        {
            var audio = await WavReader.OpenAsync(stream, reference, cancellationToken);
            return await VoiceActivityDetector.DetectAsync(audio, options, cancellationToken);
        }
        catch (BadInputException e)
        {
            throw new BadInputException($"item {input.ItemId}: {e.Message}", path: $"data.{inputField}", field: inputField);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

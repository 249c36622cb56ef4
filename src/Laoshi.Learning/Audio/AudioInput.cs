using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Learning.External;

namespace Laoshi.Learning.Audio;

/// <summary>Reads an item's audio: the reference in its data field, opened through the media source and decoded as WAV.</summary>
public static class AudioInput
{
    public static string Reference(ModelInput input, string field) =>
        input.Data[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new BadInputException($"item {input.ItemId} has no '{field}' audio to give the model", path: $"data.{field}", field: field);

    /// <summary>The first <paramref name="maxSeconds"/> of the item's audio as mono samples, with its sample rate and full length.</summary>
    public static async Task<AudioClip> ReadAsync(IMediaSource media, string itemId, string reference, double maxSeconds, CancellationToken cancellationToken)
    {
        await using var stream = await media.OpenAsync(reference, cancellationToken);
        try
        {
            var audio = await WavReader.OpenAsync(stream, reference, cancellationToken);
            var samples = await audio.ReadAllAsync(maxSeconds, cancellationToken);
            var duration = double.IsFinite(audio.Duration) ? audio.Duration : (double)samples.Length / audio.SampleRate;
            return new AudioClip(samples, audio.SampleRate, duration);
        }
        catch (BadInputException e)
        {
            throw new BadInputException($"item {itemId}: {e.Message}", file: reference, field: "audio");
        }
    }
}

/// <summary>Mono samples in -1..1, their rate, and the whole recording's length in seconds (it may be longer than what was read).</summary>
public sealed record AudioClip(float[] Samples, int SampleRate, double Duration);

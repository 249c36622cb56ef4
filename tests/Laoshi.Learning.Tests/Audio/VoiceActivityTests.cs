using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.Audio;
using Laoshi.Learning.External;

namespace Laoshi.Learning.Tests.Audio;

/// <summary>Energy-based voice activity detection finds voice bursts between pauses, as pre-segments on the audio field.</summary>
public sealed class VoiceActivityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<VoiceSegment>> DetectAsync(byte[] wav, VoiceActivityOptions options)
    {
        using var stream = new MemoryStream(wav);
        return await VoiceActivityDetector.DetectAsync(await WavReader.OpenAsync(stream, "clip.wav", Ct), options, Ct);
    }

    [Fact]
    public async Task Bursts_separated_by_silence_become_one_segment_each_at_their_times()
    {
        var wav = TestAudio.Wav(TestAudio.Bursts(new Random(1), 4, (0.5, 1.0), (1.6, 2.2), (3.0, 3.4)));

        var segments = await DetectAsync(wav, new VoiceActivityOptions(PadMs: 0));

        Assert.Equal(3, segments.Count);
        foreach (var (segment, (start, end)) in segments.Zip(new[] { (0.5, 1.0), (1.6, 2.2), (3.0, 3.4) }))
        {
            Assert.InRange(segment.Start, start - 0.03, start + 0.03);
            Assert.InRange(segment.End, end - 0.03, end + 0.03);
            Assert.InRange(segment.Score, 0.9, 1.0);
        }
    }

    [Fact]
    public async Task Short_pauses_are_bridged_short_blips_dropped_and_padding_widens_segments()
    {
        var wav = TestAudio.Wav(TestAudio.Bursts(new Random(2), 3, (0.5, 1.0), (1.15, 1.6), (2.5, 2.55)));

        var defaults = await DetectAsync(wav, new VoiceActivityOptions());
        var segment = Assert.Single(defaults);
        Assert.InRange(segment.Start, 0.42, 0.47);
        Assert.InRange(segment.End, 1.63, 1.68);

        var split = await DetectAsync(wav, new VoiceActivityOptions(MinSilenceMs: 100, MinSpeechMs: 20, PadMs: 0));
        Assert.Equal(3, split.Count);
    }

    [Fact]
    public async Task Silence_has_no_segments_and_stereo_or_float_files_read_alike()
    {
        Assert.Empty(await DetectAsync(TestAudio.Wav(new float[TestAudio.Rate]), new VoiceActivityOptions()));

        var samples = TestAudio.Bursts(new Random(3), 2, (0.5, 1.2));
        var mono = await DetectAsync(TestAudio.Wav(samples), new VoiceActivityOptions());
        Assert.Equal(mono, await DetectAsync(TestAudio.Wav(samples, channels: 2), new VoiceActivityOptions()));
        Assert.Equal(mono, await DetectAsync(TestAudio.FloatWav(samples), new VoiceActivityOptions()));
    }

    [Fact]
    public async Task The_model_answers_each_item_with_labels_regions_on_the_audio_field()
    {
        using var folder = new TempFolder();
        await File.WriteAllBytesAsync(folder.File("a.wav"), TestAudio.Wav(TestAudio.Bursts(new Random(4), 3, (0.4, 1.0), (1.8, 2.5))), Ct);
        await File.WriteAllBytesAsync(folder.File("b.mp3"), [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0], Ct);
        await using var model = new VoiceActivityModel(new ModelTarget("segment", "audio"), "clip", "speech", new VoiceActivityOptions(),
            new FileMediaSource(folder.Path), "builtin:vad");

        var answer = Assert.Single(await model.PredictAsync([new ModelInput("7", new JsonObject { ["clip"] = "a.wav" })], Ct));

        Assert.Equal(2, answer.Regions.Count);
        Assert.All(answer.Regions, r =>
        {
            Assert.Equal((RegionTypes.Labels, "segment", "audio", "speech", 0), (r.Type, r.FromName, r.ToName, Assert.Single(r.Labels), r.Channel));
            Assert.True(r.EndTime > r.StartTime);
        });
        Assert.InRange(answer.Regions[0].StartTime!.Value, 0.3, 0.4);
        Assert.InRange(answer.Regions[1].EndTime!.Value, 2.5, 2.6);

        var error = await Assert.ThrowsAsync<BadInputException>(() => model.PredictAsync([new ModelInput("8", new JsonObject { ["clip"] = "b.mp3" })], Ct));
        Assert.Contains("item 8", error.Message);
        Assert.Contains("b.mp3", error.Message);
        Assert.Contains("WAV", error.Message);
    }
}

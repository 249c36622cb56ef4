using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Laoshi.Server.Tests;

/// <summary>
/// builtin:vad pre-segments an audio project: a pre-label job over an uploaded WAV with two bursts of voice stores two
/// audio segments as predictions, in the shape audio annotations have. SQLite and PostgreSQL.
/// </summary>
public abstract class VadPrelabelApiTests(ServerFixture server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string AudioConfig = """
        <View>
          <Audio name="clip" value="$audio"/>
          <Labels name="segment" toName="clip"><Label value="speech"/><Label value="music"/></Labels>
        </View>
        """;

    [Fact]
    public async Task Prelabelling_with_builtin_vad_stores_one_audio_segment_per_burst_of_voice()
    {
        var client = server.Client;
        var project = $"vad-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/projects", new { name = project, schema = AudioConfig }, Ct)).StatusCode);
        var body = new ByteArrayContent(Wav(3.0, (0.5, 1.1), (1.9, 2.6))) { Headers = { ContentType = new("audio/wav") } };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/projects/{project}/import?filename=talk.wav", body, Ct)).StatusCode);

        // Settings are checked before anything is queued, with the setting or label named.
        var unknown = await client.PostAsJsonAsync($"/api/v1/projects/{project}/models/prelabel", new { model = "builtin:vad?gap_ms=3" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("gap_ms", await unknown.Content.ReadAsStringAsync(Ct));
        var label = await client.PostAsJsonAsync($"/api/v1/projects/{project}/models/prelabel", new { model = "builtin:vad?label=laughter" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, label.StatusCode);
        Assert.Contains("laughter", await label.Content.ReadAsStringAsync(Ct));

        const string Model = "builtin:vad?min_silence_ms=200&pad_ms=0";
        var queued = await client.PostAsJsonAsync($"/api/v1/projects/{project}/models/prelabel", new { model = Model }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = await SucceededAsync(JsonNode.Parse(await queued.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<long>());
        Assert.Equal((Model, 1, 2), (job["result"]!["model"]!.GetValue<string>(), job["result"]!["items"]!.GetValue<int>(), job["result"]!["regions"]!.GetValue<int>()));

        var itemId = JsonNode.Parse(await client.GetStringAsync($"/api/v1/projects/{project}/items", Ct))!["items"]![0]!["id"]!.GetValue<long>();
        var item = JsonNode.Parse(await client.GetStringAsync($"/api/v1/projects/{project}/items/{itemId}", Ct))!;
        var prediction = Assert.Single(item["predictions"]!.AsArray())!;
        Assert.Equal(Model, prediction["model_version"]!.GetValue<string>());
        var segments = prediction["result"]!.AsArray();
        Assert.Equal(2, segments.Count);
        foreach (var (segment, (start, end)) in segments.Zip(new[] { (0.5, 1.1), (1.9, 2.6) }))
        {
            Assert.Equal(("labels", "segment", "clip", "speech"), (segment!["type"]!.GetValue<string>(), segment["from_name"]!.GetValue<string>(),
                segment["to_name"]!.GetValue<string>(), segment["value"]!["labels"]![0]!.GetValue<string>()));
            Assert.Equal(start, segment["value"]!["start"]!.GetValue<double>(), 0.03);
            Assert.Equal(end, segment["value"]!["end"]!.GetValue<double>(), 0.03);
        }

        // A text project has nothing to segment.
        var text = $"vadtext-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/projects", new { name = text, schema = TestSchemas.TextConfig }, Ct)).StatusCode);
        var refused = await client.PostAsJsonAsync($"/api/v1/projects/{text}/models/prelabel", new { model = "builtin:vad" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("audio", await refused.Content.ReadAsStringAsync(Ct));
    }

    private async Task<JsonObject> SucceededAsync(long id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = JsonNode.Parse(await server.Client.GetStringAsync($"/api/v1/jobs/{id}", Ct))!.AsObject();
            var state = job["state"]!.GetValue<string>();
            if (state == "succeeded") return job;
            Assert.True(state is "queued" or "running", $"job {id} ended {state}: {job.ToJsonString()}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"job {id} did not finish in time: {job.ToJsonString()}");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>A 16 kHz 16-bit mono WAV: faint hiss, and a 180 Hz voice-like tone during each burst.</summary>
    private static byte[] Wav(double seconds, params (double Start, double End)[] bursts)
    {
        const int Rate = 16000;
        var random = new Random(1);
        var count = (int)(seconds * Rate);
        var wav = new byte[44 + count * 2];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + count * 2));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], Rate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], Rate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)(count * 2));
        for (var i = 0; i < count; i++)
        {
            var t = (double)i / Rate;
            var value = 0.002 * (random.NextDouble() * 2 - 1);
            if (bursts.Any(b => t >= b.Start && t < b.End)) value += 0.3 * Math.Sin(2 * Math.PI * 180 * t) * (0.6 + 0.4 * Math.Abs(Math.Sin(4 * Math.PI * t)));
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + i * 2)..], (short)Math.Round(value * 32767));
        }
        return wav;
    }
}

public sealed class SqliteVadPrelabelApiTests(SqliteServerFixture server) : VadPrelabelApiTests(server), IClassFixture<SqliteServerFixture>;

public sealed class PostgresVadPrelabelApiTests(PostgresServerFixture server) : VadPrelabelApiTests(server), IClassFixture<PostgresServerFixture>;

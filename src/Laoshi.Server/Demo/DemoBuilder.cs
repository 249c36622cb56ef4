using System.Text.Json.Nodes;
using Laoshi.Formats;
using Laoshi.Server.Api;
using Laoshi.Server.Importing;
using Laoshi.Storage;

namespace Laoshi.Server.Demo;

/// <summary>
/// Fills a data folder with the three demo projects: rendered room images with furniture boxes and a room
/// class, Chinese and English sentences with emotions and named entities, and synthesised key-tone clips
/// with segments and transcripts. Some items arrive answered, some carry model predictions, the rest are
/// work to do. Everything is made here; nothing is downloaded.
/// </summary>
public sealed class DemoBuilder(LaoshiStore store, ImportService imports)
{
    public const string ImagesProject = "room-objects";
    public const string TextProject = "emotions-and-entities";
    public const string AudioProject = "key-tones";

    public async Task BuildAsync(CancellationToken cancellationToken)
    {
        var staging = Path.Combine(store.DataDirectory, "demo-source");
        Directory.CreateDirectory(staging);
        try
        {
            await ImportAsync(ImagesProject, DemoSchemas.RoomObjects, staging, WriteImageTasks(staging), cancellationToken);
            await ImportAsync(TextProject, DemoSchemas.EmotionAndEntities, staging, WriteTextTasks(), cancellationToken);
            await ImportAsync(AudioProject, DemoSchemas.TonesAndTranscripts, staging, WriteAudioTasks(staging), cancellationToken);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private async Task ImportAsync(string name, string config, string staging, IEnumerable<JsonObject> tasks, CancellationToken cancellationToken)
    {
        var (schema, json) = ProjectSchemas.Parse(config);
        var project = await store.Projects.CreateAsync(name, schema, json, cancellationToken);
        var file = Path.Combine(staging, $"{name}.jsonl");
        await File.WriteAllLinesAsync(file, tasks.Select(t => t.ToJsonString()), cancellationToken);
        await imports.ImportAsync(project, [new ImportSource(Path.GetFileName(file), file)], new ImportOptions("jsonl"), null, cancellationToken);
    }

    private static IEnumerable<JsonObject> WriteImageTasks(string staging)
    {
        var random = new Random(20261129);
        for (var i = 0; i < 24; i++)
        {
            var image = DemoImages.Render(random);
            var file = $"room-{i + 1:00}.png";
            File.WriteAllBytes(Path.Combine(staging, file), image.Png);
            var result = new JsonArray();
            var n = 0;
            foreach (var box in image.Boxes)
            {
                result.Add(new JsonObject
                {
                    ["id"] = $"r{i}-{n++}", ["from_name"] = "furniture", ["to_name"] = "image", ["type"] = "rectanglelabels",
                    ["original_width"] = image.Width, ["original_height"] = image.Height,
                    ["value"] = new JsonObject
                    {
                        ["x"] = box.X * 100 / image.Width, ["y"] = box.Y * 100 / image.Height,
                        ["width"] = box.Width * 100 / image.Width, ["height"] = box.Height * 100 / image.Height,
                        ["rotation"] = 0, ["rectanglelabels"] = new JsonArray(box.Label),
                    },
                });
            }
            result.Add(new JsonObject
            {
                ["id"] = $"c{i}", ["from_name"] = "room", ["to_name"] = "image", ["type"] = "choices",
                ["value"] = new JsonObject { ["choices"] = new JsonArray(image.Room) },
            });
            var task = new JsonObject { ["data"] = new JsonObject { ["image"] = file } };
            if (i < 10)
            {
                task["annotations"] = new JsonArray(new JsonObject { ["result"] = result, ["lead_time"] = 20 + i, ["completed_by"] = "demo-annotator" });
            }
            else if (i < 16)
            {
                task["predictions"] = new JsonArray(new JsonObject { ["model_version"] = "demo-detector-1", ["score"] = 0.8, ["result"] = result });
            }
            yield return task;
        }
    }

    private static IEnumerable<JsonObject> WriteTextTasks()
    {
        var n = 0;
        foreach (var sentence in DemoSentences.All)
        {
            var result = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = $"e{n}", ["from_name"] = "emotion", ["to_name"] = "text", ["type"] = "choices",
                    ["value"] = new JsonObject { ["choices"] = new JsonArray(sentence.Emotion) },
                },
            };
            var searchFrom = 0;
            foreach (var (surface, label) in sentence.Entities)
            {
                var start = sentence.Text.IndexOf(surface, searchFrom, StringComparison.Ordinal);
                if (start < 0) start = sentence.Text.IndexOf(surface, StringComparison.Ordinal);
                searchFrom = start + surface.Length;
                result.Add(new JsonObject
                {
                    ["id"] = $"s{n}-{start}", ["from_name"] = "entities", ["to_name"] = "text", ["type"] = "labels",
                    ["value"] = new JsonObject
                    {
                        ["start"] = start, ["end"] = start + surface.Length, ["text"] = surface, ["labels"] = new JsonArray(label),
                    },
                });
            }
            var task = new JsonObject { ["data"] = new JsonObject { ["text"] = sentence.Text } };
            if (sentence.Annotated)
            {
                task["annotations"] = new JsonArray(new JsonObject { ["result"] = result, ["lead_time"] = 8.5, ["completed_by"] = "demo-annotator" });
            }
            else if (n % 2 == 0)
            {
                task["predictions"] = new JsonArray(new JsonObject { ["model_version"] = "demo-tagger-1", ["score"] = 0.7, ["result"] = result });
            }
            n++;
            yield return task;
        }
    }

    private static IEnumerable<JsonObject> WriteAudioTasks(string staging)
    {
        var random = new Random(7);
        for (var i = 0; i < 8; i++)
        {
            var clip = DemoAudio.Synthesize(random);
            var file = $"tones-{i + 1:00}.wav";
            File.WriteAllBytes(Path.Combine(staging, file), clip.Wav);
            var result = new JsonArray();
            var n = 0;
            foreach (var segment in clip.Segments)
            {
                var id = $"a{i}-{n++}";
                result.Add(new JsonObject
                {
                    ["id"] = id, ["from_name"] = "segment", ["to_name"] = "audio", ["type"] = "labels",
                    ["value"] = new JsonObject
                    {
                        ["start"] = Math.Round(segment.Start, 3), ["end"] = Math.Round(segment.End, 3), ["channel"] = 0,
                        ["labels"] = new JsonArray(segment.Label),
                    },
                });
                if (segment.Transcript is not null)
                {
                    result.Add(new JsonObject
                    {
                        ["id"] = id, ["from_name"] = "transcript", ["to_name"] = "audio", ["type"] = "textarea",
                        ["value"] = new JsonObject
                        {
                            ["start"] = Math.Round(segment.Start, 3), ["end"] = Math.Round(segment.End, 3), ["channel"] = 0,
                            ["text"] = new JsonArray(segment.Transcript),
                        },
                    });
                }
            }
            var task = new JsonObject { ["data"] = new JsonObject { ["audio"] = file } };
            if (i < 4)
            {
                task["annotations"] = new JsonArray(new JsonObject { ["result"] = result, ["lead_time"] = 30, ["completed_by"] = "demo-annotator" });
            }
            yield return task;
        }
    }
}

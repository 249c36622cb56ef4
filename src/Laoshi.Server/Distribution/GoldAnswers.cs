using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Formats.LabelStudio;
using Laoshi.Server.Api;
using Laoshi.Server.Importing;
using Laoshi.Storage;

namespace Laoshi.Server.Distribution;

/// <summary>
/// Known answers for gold items, read and checked exactly as a submitted answer is (Label Studio result, the project's
/// rules, the item's data), for the API and for `laoshi gold`.
/// </summary>
public sealed class GoldAnswers(LaoshiStore store, ProjectSchemas schemas)
{
    /// <summary>The storable answer; bad input names the file, line and JSON path.</summary>
    public async Task<IReadOnlyList<Region>> PrepareAsync(ProjectRef project, long itemId, JsonArray result, string? file, long? line, string path, CancellationToken ct)
    {
        var schema = schemas.For(project);
        var regions = LabelStudioResults.FromJson(result, schema, file, line, path);
        var data = await store.Items.GetDataAsync(project.Id, itemId, ct);
        return await new AnswerPreparer(store.Blobs).PrepareAsync(schema, data, regions, file, line, path, ct);
    }

    /// <summary>
    /// Marks gold from a JSONL file, one {"item": ID, "result": [...]} a line; every line is checked before anything is
    /// written, so a file with a bad line marks nothing. Returns how many items were marked.
    /// </summary>
    public async Task<int> MarkFromFileAsync(ProjectRef project, string file, string user, CancellationToken ct)
    {
        var prepared = new List<(long Item, IReadOnlyList<Region> Result)>();
        var errors = new List<InputError>();
        var name = Path.GetFileName(file);
        long number = 0;
        await foreach (var text in File.ReadLinesAsync(file, ct))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                var line = JsonNode.Parse(text) as JsonObject ?? throw new BadInputException("a line must be a JSON object", name, number, "$");
                var item = line["item"] is JsonValue v && v.TryGetValue<long>(out var id)
                    ? id : throw new BadInputException("'item' must be an item id", name, number, "$.item", "item");
                var result = line["result"] as JsonArray ?? throw new BadInputException("'result' must be an array", name, number, "$.result", "result");
                prepared.Add((item, await PrepareAsync(project, item, result, name, number, "$.result", ct)));
            }
            catch (BadInputException bad)
            {
                errors.AddRange(bad.Errors);
            }
            catch (NotFoundException missing)
            {
                errors.Add(new InputError(missing.Message, name, number, "$.item", "item"));
            }
            catch (JsonException json)
            {
                errors.Add(new InputError($"not valid JSON: {json.Message}", name, number));
            }
            if (errors.Count >= 100) break;
        }
        if (errors.Count > 0) throw new BadInputException(errors);
        foreach (var (item, result) in prepared) await store.Distribution.MarkGoldAsync(project.Id, item, result, user, ct);
        return prepared.Count;
    }
}

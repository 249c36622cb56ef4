using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Formats.LabelStudio;
using Laoshi.Storage;

namespace Laoshi.Server.Importing;

/// <summary>
/// Makes answers storable: image geometry given in percent is turned into the item's pixels (reading the
/// image's size from its blob when the answer does not carry it), and every region is checked against the
/// project's rules and the item's data.
/// </summary>
/// <param name="import">During an import: where the images it stored so far are found (not yet committed, so not
/// visible to <paramref name="blobs"/>' own sessions).</param>
public sealed class AnswerPreparer(BlobStore blobs, ImportBatch? import = null)
{
    public async Task<IReadOnlyList<Region>> PrepareAsync(
        ProjectSchema schema, JsonObject itemData, IReadOnlyList<Region> regions,
        string? file, long? line, string path, CancellationToken cancellationToken)
    {
        var prepared = new List<Region>(regions.Count);
        foreach (var region in regions)
        {
            if (region.Units != CoordinateUnits.Percent)
            {
                prepared.Add(region);
                continue;
            }
            var (width, height) = region.OriginalWidth is int w && region.OriginalHeight is int h
                ? (w, h)
                : await ImageSizeAsync(schema, itemData, region, file, line, path, cancellationToken);
            prepared.Add(LabelStudioResults.ToPixels(region, width, height));
        }

        var errors = AnswerValidator.Validate(schema, prepared, itemData, file, line);
        if (errors.Count > 0)
        {
            throw new BadInputException(errors.Select(e => e with { Path = Under(path, e.Path) }).ToList());
        }
        return prepared;
    }

    private async Task<(int Width, int Height)> ImageSizeAsync(
        ProjectSchema schema, JsonObject itemData, Region region, string? file, long? line, string path, CancellationToken cancellationToken)
    {
        var field = schema.Field(region.ToName);
        var value = field is null ? null : itemData[field.Value]?.GetValue<string>();
        if (BlobStore.TryParseUrl(value, out var hash))
        {
            var blob = import is null ? await blobs.GetAsync(hash, cancellationToken) : await import.GetBlobAsync(hash, cancellationToken);
            if (blob.Width is int width && blob.Height is int height) return (width, height);
        }
        throw new BadInputException(
            $"region '{region.Id}' has no original_width/original_height and the image '{value}' is not a stored image whose size is known",
            file, line, path, region.FromName);
    }

    /// <summary>Places a validator's path ("result[2].value.x") under the answer's own path ("$.annotations[0].result").</summary>
    private static string Under(string resultPath, string? inner) => inner switch
    {
        null => resultPath,
        _ when inner.StartsWith("result", StringComparison.Ordinal) => resultPath + inner["result".Length..],
        _ => $"{resultPath}.{inner}",
    };
}

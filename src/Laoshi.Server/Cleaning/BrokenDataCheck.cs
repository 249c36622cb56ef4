using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Formats.Media;
using Laoshi.Storage;

namespace Laoshi.Server.Cleaning;

/// <summary>
/// Finds why an item cannot be used: an empty or over-long text, a file that is missing, cannot be decoded or is
/// cut off, an image below the minimum size, or a file whose bytes are not what its field or its name says.
/// Files are judged by their bytes (<see cref="MediaProbe"/>), never by their extension.
/// </summary>
internal sealed class BrokenDataCheck(BlobStore blobs, CleaningOptions options)
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = MediaTypes.Jpeg, [".jpeg"] = MediaTypes.Jpeg, [".png"] = MediaTypes.Png, [".gif"] = MediaTypes.Gif, [".bmp"] = MediaTypes.Bmp,
        [".webp"] = MediaTypes.WebP, [".wav"] = MediaTypes.Wav, [".mp3"] = MediaTypes.Mp3, [".ogg"] = MediaTypes.Ogg, [".oga"] = MediaTypes.Ogg,
        [".flac"] = MediaTypes.Flac, [".txt"] = MediaTypes.Text,
    };

    private readonly MediaProbe probe = new(new MediaProbeOptions { VerifyImages = true });

    /// <summary>The first reason the item is unusable, or null when every field is fine.</summary>
    public async Task<string?> ReasonAsync(ProjectSchema schema, JsonObject data, CancellationToken ct)
    {
        foreach (var field in schema.Fields)
        {
            var value = data[field.Value] is JsonValue node && node.TryGetValue<string>(out var text) ? text : null;
            var reason = field.Kind == FieldKind.Text ? TextReason(field, value) : await FileReasonAsync(field, value, ct);
            if (reason is not null) return reason;
        }
        return null;
    }

    private string? TextReason(SchemaField field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return $"empty text in field '{field.Value}'";
        if (text.Length > options.MaxTextLength)
            return $"text in field '{field.Value}' is {text.Length:N0} characters, over the limit of {options.MaxTextLength:N0}";
        return null;
    }

    private async Task<string?> FileReasonAsync(SchemaField field, string? value, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(value)) return $"no file in field '{field.Value}'";
        // A link to elsewhere cannot be read from here; only stored files are judged.
        if (!BlobStore.TryParseUrl(value, out var hash)) return null;
        BlobRecord blob;
        Stream content;
        try
        {
            blob = await blobs.GetAsync(hash, ct);
            content = blobs.OpenRead(hash);
        }
        catch (NotFoundException)
        {
            return $"the file in field '{field.Value}' is missing from the blob store";
        }

        MediaInfo media;
        await using (content)
        {
            try
            {
                media = await probe.ProbeAsync(content, blob.OriginalName ?? hash, ct);
            }
            catch (BadInputException e)
            {
                return $"field '{field.Value}': {e.Errors[0].Message}";
            }
        }

        var wanted = field.Kind == FieldKind.Image ? media.IsImage : media.IsAudio;
        if (!wanted) return $"field '{field.Value}' should hold {(field.Kind == FieldKind.Image ? "an image" : "audio")} but its bytes are {media.MediaType}";
        if (blob.OriginalName is { } name && ByExtension.TryGetValue(Path.GetExtension(name), out var named) && named != media.MediaType)
            return $"mislabelled file type in field '{field.Value}': '{name}' is named as {named} but its bytes are {media.MediaType}";
        if (media.IsImage && (media.Width < options.MinImageSize || media.Height < options.MinImageSize))
            return $"image in field '{field.Value}' is {media.Width}x{media.Height} pixels, below the minimum of {options.MinImageSize}";
        if (media.MediaType is MediaTypes.Ogg or MediaTypes.Flac && media.DurationSeconds is null)
            return $"undecodable audio in field '{field.Value}': its length cannot be read";
        if (media.IsAudio && media.DurationSeconds is 0) return $"empty audio in field '{field.Value}': it lasts 0 seconds";
        return null;
    }
}

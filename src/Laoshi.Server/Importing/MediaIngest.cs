using System.Text.Json.Nodes;
using Laoshi.Core.Schema;
using Laoshi.Formats.Media;
using Laoshi.Storage;

namespace Laoshi.Server.Importing;

/// <summary>
/// Brings the files an import refers to (image and audio paths, http(s) URLs) into the blob store, with
/// their media type and size read from their bytes, and rewrites the item's data to point at the blob.
/// One instance serves one import, so a file referenced by many rows is stored once. Files are stored through
/// the import's batch: on SQLite the import holds the write lock, which a blob write of its own would wait on.
/// </summary>
public sealed class MediaIngest(ImportBatch batch, UrlFetcher fetcher, long maxFileBytes)
{
    private readonly MediaProbe probe = new(new MediaProbeOptions { MaxBytes = maxFileBytes });
    private readonly Dictionary<string, string> urlsByReference = new(StringComparer.Ordinal);

    /// <summary>Stores one local file and returns its blob URL.</summary>
    public async Task<string> StoreFileAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (urlsByReference.TryGetValue(full, out var known)) return known;
        var media = await probe.ProbeFileAsync(full, cancellationToken);
        BlobRecord blob;
        await using (var content = File.OpenRead(full))
        {
            blob = await batch.PutBlobAsync(content, Path.GetFileName(full),
                new BlobMetadata(media.MediaType, media.Width, media.Height, media.DurationSeconds), cancellationToken);
        }
        return Remember(full, BlobStore.UrlFor(blob.Hash));
    }

    /// <summary>
    /// For each image or audio field of the schema whose value is a local path or an http(s) URL,
    /// stores the file and puts its blob URL in the data. Values already pointing at blobs, and paths
    /// that do not exist here (such as a Label Studio server's upload paths), are left as they are.
    /// </summary>
    public async Task ResolveMediaFieldsAsync(ProjectSchema schema, JsonObject data, string? baseDirectory, CancellationToken cancellationToken)
    {
        foreach (var field in schema.Fields)
        {
            if (field.Kind == FieldKind.Text) continue;
            if (data[field.Value] is not JsonValue value || !value.TryGetValue<string>(out var reference)) continue;
            if (BlobStore.TryParseUrl(reference, out _)) continue;

            if (UrlFetcher.IsUrl(reference))
            {
                data[field.Value] = await StoreUrlAsync(reference, cancellationToken);
                continue;
            }
            var path = reference.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(reference).LocalPath : reference;
            if (!Path.IsPathRooted(path) && baseDirectory is not null) path = Path.Combine(baseDirectory, path);
            if (File.Exists(path)) data[field.Value] = await StoreFileAsync(path, cancellationToken);
        }
    }

    private async Task<string> StoreUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (urlsByReference.TryGetValue(url, out var known)) return known;
        var temp = await fetcher.DownloadAsync(url, cancellationToken);
        try
        {
            return Remember(url, await StoreFileAsync(temp, cancellationToken));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private string Remember(string reference, string url)
    {
        // Bounded so that a million distinct files do not keep a million entries.
        if (urlsByReference.Count > 100_000) urlsByReference.Clear();
        urlsByReference[reference] = url;
        return url;
    }
}

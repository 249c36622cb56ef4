using Laoshi.Core.Regions;
using Laoshi.Core.Transfer;
using Laoshi.Formats.Media;

namespace Laoshi.Formats.ImageDatasets;

/// <summary>An item's image as an export names and sizes it.</summary>
/// <param name="FileName">Unique within the export: the original name, or the content hash when there is none.</param>
internal sealed record ExportImage(string FileName, string Stem, BlobInfo? Blob, int? Width, int? Height);

/// <summary>
/// Gives each exported image a unique file name. Names are remembered for the whole export (a set of strings):
/// the one thing that grows with the item count, and small next to the images themselves.
/// </summary>
internal sealed class ExportImageNamer(string dataKey)
{
    // 64-bit hashes of the names given so far, not the names: a million images then cost megabytes, not
    // hundreds of them. A collision only gives one more image its item-id suffix, which is harmless.
    private readonly HashSet<ulong> used = [];

    public ExportImage Name(ExportItem item, IReadOnlyList<Region> regions)
    {
        item.Blobs.TryGetValue(dataKey, out var blob);
        var original = blob?.OriginalName ?? DataFileName(item);
        string stem, extension;
        if (original is not null && Sanitise(Path.GetFileNameWithoutExtension(original)) is { Length: > 0 } originalStem)
        {
            stem = originalStem;
            extension = Path.GetExtension(original) is { Length: > 1 } ext ? Sanitise(ext) : blob is null ? "" : MediaTypes.Extension(blob.MediaType);
        }
        else
        {
            stem = blob?.Hash ?? $"item-{item.Id}";
            extension = blob is null ? "" : MediaTypes.Extension(blob.MediaType);
        }
        if (!used.Add(Key(stem))) // a second "image.jpg" from another folder keeps its item id to stay apart
        {
            stem = $"{stem}_{item.Id}";
            used.Add(Key(stem));
        }

        var width = blob?.Width ?? regions.Select(r => r.OriginalWidth).FirstOrDefault(w => w is not null);
        var height = blob?.Height ?? regions.Select(r => r.OriginalHeight).FirstOrDefault(h => h is not null);
        if ((width is null || height is null) && blob is not null && ImageHeader.TryReadFile(blob.LocalPath) is { } header)
            (width, height) = (header.Width, header.Height);
        return new ExportImage(stem + extension, stem, blob, width, height);
    }

    /// <summary>FNV-1a over the upper-cased name: stable across runs, so the same export names files the same way.</summary>
    private static ulong Key(string stem)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in stem.ToUpperInvariant())
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    private string? DataFileName(ExportItem item)
    {
        if (item.Data[dataKey]?.GetValueKind() != System.Text.Json.JsonValueKind.String) return null;
        var value = item.Data[dataKey]!.GetValue<string>();
        var path = Uri.TryCreate(value, UriKind.Absolute, out var uri) && !uri.IsFile ? uri.AbsolutePath : value;
        return Path.GetFileName(path.Replace('\\', '/'));
    }

    private static string Sanitise(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) || c == '\\' ? '_' : c).ToArray()).Trim();
    }
}

using Laoshi.Core.Transfer;

namespace Laoshi.Storage;

/// <summary>Facts about a blob the caller already knows (e.g. read from the image header); all optional.</summary>
public sealed record BlobMetadata(string? MediaType = null, int? Width = null, int? Height = null, double? Duration = null);

/// <param name="Path">Where the content lies on this machine.</param>
public sealed record BlobRecord(
    string Hash,
    string MediaType,
    long Size,
    int? Width,
    int? Height,
    double? Duration,
    string? OriginalName,
    DateTimeOffset CreatedAt,
    string Path)
{
    public string Url => BlobStore.UrlFor(Hash);

    public BlobInfo ToBlobInfo() => new(Hash, MediaType, Size, Path, OriginalName, Width, Height, Duration);
}

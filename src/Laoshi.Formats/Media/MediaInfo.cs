namespace Laoshi.Formats.Media;

/// <summary>What a file holds, found from its bytes: its media type and, where it has them, size and length.</summary>
public sealed record MediaInfo(string MediaType, int? Width, int? Height, double? DurationSeconds)
{
    public bool IsImage => MediaType.StartsWith("image/", StringComparison.Ordinal);
    public bool IsAudio => MediaType.StartsWith("audio/", StringComparison.Ordinal);
    public bool IsText => MediaType.StartsWith("text/", StringComparison.Ordinal);
}

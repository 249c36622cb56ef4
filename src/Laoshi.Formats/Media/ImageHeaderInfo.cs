namespace Laoshi.Formats.Media;

/// <summary>An image's type and pixel size as its header states them (nothing decoded).</summary>
public sealed record ImageHeaderInfo(string MediaType, int Width, int Height);

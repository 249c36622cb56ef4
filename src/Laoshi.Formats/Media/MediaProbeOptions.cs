namespace Laoshi.Formats.Media;

public sealed record MediaProbeOptions
{
    /// <summary>Files larger than this are refused before anything is read from them.</summary>
    public long MaxBytes { get; init; } = 1L << 30;

    /// <summary>Images with more pixels than this are refused: decoding them would take too much memory.</summary>
    public long MaxPixels { get; init; } = 250_000_000;

    /// <summary>Decode every image fully, so that truncated or corrupt files are caught at import, not in the workspace.</summary>
    public bool VerifyImages { get; init; } = true;
}

namespace Laoshi.Evaluation.Detection;

/// <summary>
/// Orders image ids numerically when both are integers (COCO's ids) and ordinally otherwise. pycocotools walks
/// images in sorted id order, and that order breaks ties between equal scores, so keeping it keeps its figures.
/// </summary>
internal sealed class ImageOrder : IComparer<string>
{
    public static ImageOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (long.TryParse(x, out var a) && long.TryParse(y, out var b)) return a.CompareTo(b);
        var xNumeric = long.TryParse(x, out _);
        var yNumeric = long.TryParse(y, out _);
        if (xNumeric != yNumeric) return xNumeric ? -1 : 1;
        return string.CompareOrdinal(x, y);
    }
}

namespace Laoshi.Learning.External;

/// <summary>One detected box in pixels of some image (top-left corner, size), with its class index and score.</summary>
public sealed record Detection(int ClassIndex, double X, double Y, double Width, double Height, double Score)
{
    public double IntersectionOverUnion(Detection other)
    {
        var w = Math.Min(X + Width, other.X + other.Width) - Math.Max(X, other.X);
        var h = Math.Min(Y + Height, other.Y + other.Height) - Math.Max(Y, other.Y);
        if (w <= 0 || h <= 0) return 0;
        var intersection = w * h;
        return intersection / (Width * Height + other.Width * other.Height - intersection);
    }
}

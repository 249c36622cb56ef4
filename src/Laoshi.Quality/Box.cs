namespace Laoshi.Quality;

/// <summary>An axis-aligned box (top-left corner, size); rotation is not taken into account.</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Area => Math.Max(0, Width) * Math.Max(0, Height);

    /// <summary>Intersection over union; 0 when neither has area.</summary>
    public double IoU(Box other)
    {
        var width = Math.Min(X + Width, other.X + other.Width) - Math.Max(X, other.X);
        var height = Math.Min(Y + Height, other.Y + other.Height) - Math.Max(Y, other.Y);
        if (width <= 0 || height <= 0) return 0;
        var intersection = width * height;
        var union = Area + other.Area - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}

/// <summary>A box one annotator drew on an item, with its label.</summary>
public sealed record LabelledBox(string Annotator, string Label, Box Box);

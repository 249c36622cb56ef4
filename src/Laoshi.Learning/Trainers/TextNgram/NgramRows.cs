namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>The rows ML.NET reads; column names are the ones the saved pipelines refer to.</summary>
internal static class NgramColumns
{
    public const string Text = "Text";
    public const string Label = "Label";
    public const string Features = "Features";
    public const string Score = "Score";
    public const string Probability = "Probability";
}

/// <summary>
/// One text with its class as a key. In a C# row ML.NET takes a key as the 0-based class index (it adds the 1 that its
/// key values count from itself), so Label is simply the index into the classes.
/// </summary>
internal sealed class TextRow
{
    public string Text { get; set; } = "";

    public uint Label { get; set; }
}

/// <summary>One text to featurise for prediction; no label.</summary>
internal sealed class UnlabelledTextRow
{
    public string Text { get; set; } = "";
}

/// <summary>One text and whether it has the class of one yes/no model (multi-label).</summary>
internal sealed class BinaryTextRow
{
    public string Text { get; set; } = "";

    public bool Label { get; set; }
}

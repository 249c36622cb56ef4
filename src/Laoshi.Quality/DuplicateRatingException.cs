namespace Laoshi.Quality;

/// <summary>
/// The same annotator labelled the same item twice. Positions are the 0-based order in which the two ratings
/// were added, so a reader can name the two lines of its file.
/// </summary>
public sealed class DuplicateRatingException(string item, string annotator, int firstPosition, int secondPosition)
    : Exception($"annotator '{annotator}' labelled item '{item}' twice")
{
    public string Item { get; } = item;
    public string Annotator { get; } = annotator;
    public int FirstPosition { get; } = firstPosition;
    public int SecondPosition { get; } = secondPosition;
}

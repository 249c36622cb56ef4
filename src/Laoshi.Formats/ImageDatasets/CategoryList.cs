namespace Laoshi.Formats.ImageDatasets;

/// <summary>
/// Category names in id order: the schema's labels first, then labels met in the data that the schema lacks
/// (old answers after a label was renamed), so an export never drops a region for want of a class id.
/// </summary>
internal sealed class CategoryList
{
    private readonly List<string> names;
    private readonly Dictionary<string, int> indexes;

    public CategoryList(IEnumerable<string> schemaLabels)
    {
        names = [.. schemaLabels];
        indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++) indexes.TryAdd(names[i], i);
    }

    public IReadOnlyList<string> Names => names;

    /// <summary>The 0-based index of a label, adding it when new.</summary>
    public int IndexOf(string label)
    {
        if (indexes.TryGetValue(label, out var index)) return index;
        names.Add(label);
        indexes[label] = names.Count - 1;
        return names.Count - 1;
    }

    /// <summary>COCO's 1-based category id of a label.</summary>
    public int IdOf(string label) => IndexOf(label) + 1;
}

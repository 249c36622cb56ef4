namespace Laoshi.Formats.ImageDatasets;

/// <summary>Finds image files in dataset folders by extension (their bytes are checked when they are read).</summary>
internal static class ImageFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp" };

    public static bool IsImageName(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>Image files under a folder, in ordinal path order so that imports are repeatable.</summary>
    public static IEnumerable<string> Under(string folder, bool recursive) =>
        Directory.EnumerateFiles(folder, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(IsImageName)
            .Order(StringComparer.Ordinal);

    /// <summary>A path relative to the root with forward slashes, as data values and error messages show it.</summary>
    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}

namespace Laoshi.Web.Tests;

/// <summary>Where the repository's files are, found from the test binaries by walking up to Laoshi.slnx.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebDist => Path.Combine(Root, "web", "dist");

    public static string WorkspaceScreenshot => Path.Combine(Root, "docs", "workspace.png");

    /// <summary>The built UI, or a failure that says how to build it.</summary>
    public static string RequireWebDist()
    {
        var index = Path.Combine(WebDist, "index.html");
        if (!File.Exists(index))
        {
            throw new InvalidOperationException(
                $"The browser tests need the built web UI, but {index} is missing. Build it with scripts/web.sh (test.sh does this).");
        }
        return WebDist;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Laoshi.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Laoshi.slnx not found above {AppContext.BaseDirectory}");
    }
}

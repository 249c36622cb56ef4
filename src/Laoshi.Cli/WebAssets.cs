namespace Laoshi.Cli;

/// <summary>Finds the built web UI: beside the program (published) or in the repository's web/dist.</summary>
public static class WebAssets
{
    public static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("LAOSHI_WEB_ROOT");
        if (fromEnvironment is not null) return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (File.Exists(Path.Combine(beside, "index.html"))) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dist = Path.Combine(dir.FullName, "web", "dist");
            if (File.Exists(Path.Combine(dist, "index.html"))) return dist;
        }
        return null;
    }
}

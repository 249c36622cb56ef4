namespace Laoshi.Server.Tests;

/// <summary>
/// The two folders a CLI test works in: the data folder the command runs over (made by the command itself) and a
/// work folder for the input files the test writes; both go when the test ends.
/// </summary>
public abstract class CliFolders(string prefix) : IDisposable
{
    protected readonly string data = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
    protected readonly string work = Directory.CreateTempSubdirectory($"{prefix}-work-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        Directory.Delete(work, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes an input file into the work folder and returns its path.</summary>
    protected string Write(string name, string content)
    {
        var path = Path.Combine(work, name);
        File.WriteAllText(path, content);
        return path;
    }
}

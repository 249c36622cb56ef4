using System.Diagnostics;

namespace Laoshi.Bench;

/// <summary>
/// The temporary folder one run works in, and the data sets measurements share: the text items file and the
/// data folder they were imported into (the import measurement makes it; the load measurement reuses it).
/// </summary>
public sealed class Workspace(BenchOptions options, string root) : IDisposable
{
    public const string TextProject = "texts";

    private string? textItemsFile;
    private string? textData;

    public BenchOptions Options => options;

    public string Root => root;

    public string PathFor(string name) => Path.Combine(root, name);

    public LaoshiCli Cli(string dataFolderName) => new(options.CliPath, PathFor(dataFolderName));

    public static void Log(string message) => Console.Error.WriteLine($"[bench {DateTime.UtcNow:HH:mm:ss}] {message}");

    /// <summary>The text items file (generated once per run) and how long generating it took.</summary>
    public string TextItemsFile()
    {
        if (textItemsFile is not null) return textItemsFile;
        var path = PathFor("text-items.jsonl");
        Log($"generating {options.Items:N0} text items into {path}");
        var clock = Stopwatch.StartNew();
        var bytes = Datasets.WriteTextItems(path, options.Items);
        Log($"  {MeasuredRun.Megabytes(bytes)} MB in {clock.Elapsed.TotalSeconds:0.0} s");
        return textItemsFile = path;
    }

    /// <summary>Remembers a data folder holding the text project with all the text items.</summary>
    public void RememberTextData(string dataDirectory) => textData = dataDirectory;

    /// <summary>A data folder with the text project holding all the text items, imported now when no measurement has yet.</summary>
    public async Task<LaoshiCli> TextDataAsync(CancellationToken cancellationToken)
    {
        if (textData is not null) return new LaoshiCli(options.CliPath, textData);
        var cli = Cli("data-text");
        Log($"setting up: importing {options.Items:N0} text items");
        await cli.CreateProjectAsync(TextProject, Schemas.Text, cancellationToken);
        await cli.RunAsync(cancellationToken, "import", TextProject, TextItemsFile(), "--format", "jsonl", "--json");
        textData = cli.DataDirectory;
        return cli;
    }

    public void Delete(string path)
    {
        if (options.Keep) return;
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else if (File.Exists(path)) File.Delete(path);
    }

    public void Dispose()
    {
        if (options.Keep)
        {
            Log($"kept the temporary data in {root}");
            return;
        }
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
}

using System.CommandLine;
using Laoshi.Server.Hosting;

namespace Laoshi.Cli;

/// <summary>Options every command takes: where the data lives and which database holds it.</summary>
public sealed class GlobalOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Data folder (SQLite database and blobs). Default: $LAOSHI_DATA, else ./laoshi-data",
        Recursive = true,
    };

    public Option<string?> Database { get; } = new("--database")
    {
        Description = "A PostgreSQL connection string; omitted: SQLite inside the data folder. Default: $LAOSHI_DATABASE",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Data);
        root.Options.Add(Database);
    }

    public string DataDirectory(ParseResult result) =>
        Path.GetFullPath(result.GetValue(Data) ?? Environment.GetEnvironmentVariable("LAOSHI_DATA") ?? "laoshi-data");

    public bool DataGiven(ParseResult result) =>
        result.GetResult(Data) is not null || Environment.GetEnvironmentVariable("LAOSHI_DATA") is not null;

    public ServerSettings Settings(ParseResult result, string? urls = null, string? dataDirectory = null) => new()
    {
        DataDirectory = dataDirectory ?? DataDirectory(result),
        Database = result.GetValue(Database) ?? Environment.GetEnvironmentVariable("LAOSHI_DATABASE"),
        Urls = urls ?? "http://127.0.0.1:5080",
        WebRoot = WebAssets.Find(),
    };

    public Task<Workbench> OpenAsync(ParseResult result, CancellationToken cancellationToken) =>
        Workbench.OpenAsync(Settings(result), null, cancellationToken);
}

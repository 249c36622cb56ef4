using System.Globalization;
using Laoshi.Server.Hosting;
using Laoshi.Server.JobHost;
using Laoshi.Server.Jobs;
using Microsoft.AspNetCore.Builder;

// Usage: Laoshi.Server.JobHost --data DIR --urls URL [--database CONNECTION] [--lease-ms N] [--concurrency N]
var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
var settings = new ServerSettings
{
    DataDirectory = options["--data"],
    Database = options.GetValueOrDefault("--database"),
    Urls = options["--urls"],
    Jobs = new JobSettings
    {
        Lease = TimeSpan.FromMilliseconds(int.Parse(options.GetValueOrDefault("--lease-ms", "2000"), CultureInfo.InvariantCulture)),
        Concurrency = int.Parse(options.GetValueOrDefault("--concurrency", "2"), CultureInfo.InvariantCulture),
        PollInterval = TimeSpan.FromMilliseconds(200),
        ProgressInterval = TimeSpan.FromMilliseconds(100),
    },
};
await using var app = await LaoshiServer.BuildAsync(settings, TestHandlers.Add);
Console.WriteLine($"job host {Environment.ProcessId} serving {settings.DataDirectory} on {settings.Urls}");
await app.RunAsync();

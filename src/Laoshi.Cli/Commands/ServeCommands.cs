using System.CommandLine;
using Laoshi.Server.Access;
using Laoshi.Server.Demo;
using Laoshi.Server.Hosting;
using Laoshi.Server.Importing;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Laoshi.Cli.Commands;

public static class ServeCommands
{
    public static Command Serve(GlobalOptions global)
    {
        var urls = UrlsOption();
        var command = new Command("serve", "Run the Laoshi server (HTTP API and web UI).") { urls };
        command.SetAction(async (result, ct) =>
        {
            var settings = global.Settings(result, result.GetValue(urls));
            await using var app = await LaoshiServer.BuildAsync(settings, ct);
            Console.WriteLine($"Laoshi is serving {settings.DataDirectory} on {settings.Urls}");
            if ((await app.Services.GetRequiredService<LaoshiStore>().Accounts.ListAsync(1, null, ct)).Items.Count == 0)
                Console.WriteLine("No accounts yet: create a server admin with `laoshi user add EMAIL --admin` (same --data), then sign in.");
            await app.RunAsync();
            return 0;
        });
        return command;
    }

    public static Command Demo(GlobalOptions global)
    {
        var urls = UrlsOption();
        var command = new Command("demo", "Serve a fresh demo data folder with three projects (images, text, audio).") { urls };
        command.SetAction(async (result, ct) =>
        {
            var data = global.DataGiven(result) ? global.DataDirectory(result) : NewDemoFolder();
            var settings = global.Settings(result, result.GetValue(urls), data);
            await using var app = await LaoshiServer.BuildAsync(settings, ct);
            var store = app.Services.GetRequiredService<LaoshiStore>();
            var existing = await store.Projects.ListAsync(1, null, ct);
            var people = new DemoPeople(store, app.Services.GetRequiredService<AccountService>());
            if (existing.Items.Count == 0)
            {
                Console.WriteLine($"Making the demo projects in {data} ...");
                await new DemoBuilder(store, app.Services.GetRequiredService<ImportService>()).BuildAsync(ct);
                await people.CreateAsync([DemoBuilder.ImagesProject, DemoBuilder.TextProject, DemoBuilder.AudioProject], ct);
            }
            Console.WriteLine($"Laoshi demo: open {settings.Urls} (data folder {data})");
            Console.WriteLine($"Projects: {DemoBuilder.ImagesProject}, {DemoBuilder.TextProject}, {DemoBuilder.AudioProject}");
            PrintCredentials(await people.LoadAsync(ct), people.CredentialsPath);
            await app.RunAsync();
            return 0;
        });
        return command;
    }

    private static void PrintCredentials(IReadOnlyList<DemoCredential> credentials, string path)
    {
        if (credentials.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine("Sign in as one of these demo people (also kept, readable only by you, in " + path + "):");
        foreach (var c in credentials) Console.WriteLine($"  {c.Role,-10} {c.Email,-24} password: {c.Password}");
        Console.WriteLine();
    }

    private static Option<string> UrlsOption() => new("--urls")
    {
        Description = "Where to listen",
        DefaultValueFactory = _ => "http://127.0.0.1:5080",
    };

    private static string NewDemoFolder()
    {
        for (var n = 1; ; n++)
        {
            var folder = Path.GetFullPath(n == 1 ? "laoshi-demo" : $"laoshi-demo-{n}");
            if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any()) return folder;
        }
    }
}

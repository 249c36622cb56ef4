using System.Globalization;
using Laoshi.Core.Regions;
using Laoshi.Storage;

// Usage: Laoshi.Storage.CrashWriter <data directory> <project id> [PostgreSQL connection string]
// Submits an annotation to each item in turn and prints "acknowledged <item id>" once SubmitAsync has returned;
// the test kills this process with SIGKILL at some point and checks every acknowledged answer survived.
var store = await LaoshiStore.OpenAsync(new StoreOptions(args[0], args.Length > 2 ? args[2] : null));
var projectId = long.Parse(args[1], CultureInfo.InvariantCulture);
string? cursor = null;
do
{
    var page = await store.Items.ListAsync(projectId, new ItemQuery(Limit: 100, Cursor: cursor));
    foreach (var item in page.Items)
    {
        await store.Annotations.SubmitAsync(projectId, item.Id,
            [new Region { Id = "r", FromName = "sentiment", ToName = "text", Type = RegionTypes.Choices, Labels = ["joy"] }], 1, "crash");
        Console.WriteLine($"acknowledged {item.Id}");
    }
    cursor = page.Next;
} while (cursor is not null);
Console.WriteLine("done");
await Task.Delay(Timeout.Infinite);

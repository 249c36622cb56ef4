using System.Diagnostics;
using System.Globalization;

namespace Laoshi.Storage.Tests;

public abstract class DurabilityTests(StoreKind kind) : StoreTest(kind)
{
    [Fact]
    public async Task A_second_store_on_the_same_data_sees_every_acknowledged_write()
    {
        var writer = await OpenStoreAsync();
        var project = await CreateProjectAsync(writer);
        await ImportAsync(writer, project.Id, 3);
        var itemId = (await writer.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items[0].Id;
        var submitted = await writer.Annotations.SubmitAsync(project.Id, itemId, [Choice("joy")], 2, "ann", Ct);

        var reader = await OpenStoreAsync();
        var item = await reader.Items.GetAsync(project.Id, itemId, Ct);
        Assert.Equal(submitted.Id, item.Annotations.Single().Id);
        Assert.Equal(3, (await reader.Projects.GetAsync("reviews", Ct)).ItemCount);

        // And the second store can write too, without the first one closing.
        await reader.Annotations.SubmitAsync(project.Id, itemId, [Choice("calm")], 2, "bob", Ct);
        Assert.Equal(2, (await writer.Items.GetAsync(project.Id, itemId, Ct)).AnnotationCount);
    }

    [Fact]
    public async Task Every_acknowledged_answer_survives_kill_9_of_the_process_that_wrote_it()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 1000);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Laoshi.Storage.CrashWriter.dll"));
        start.ArgumentList.Add(DataDirectory);
        start.ArgumentList.Add(project.Id.ToString(CultureInfo.InvariantCulture));
        if (await DatabaseAsync() is { } database) start.ArgumentList.Add(database);

        var acknowledged = new List<long>();
        using (var child = Process.Start(start)!)
        {
            try
            {
                while (acknowledged.Count < 60 && await child.StandardOutput.ReadLineAsync(Ct) is { } line)
                    if (line.StartsWith("acknowledged ", StringComparison.Ordinal))
                        acknowledged.Add(long.Parse(line["acknowledged ".Length..], CultureInfo.InvariantCulture));
            }
            finally
            {
                child.Kill(); // SIGKILL: no dispose, no checkpoint, no flush.
                await child.WaitForExitAsync(Ct);
            }
            Assert.True(acknowledged.Count == 60, $"the writer stopped early: {await child.StandardError.ReadToEndAsync(Ct)}");
        }

        var after = await OpenStoreAsync();
        foreach (var id in acknowledged)
        {
            var item = await after.Items.GetAsync(project.Id, id, Ct);
            Assert.Equal(ItemStatus.Annotated, item.Status);
            Assert.Equal("crash", item.Annotations.Single().CreatedBy);
        }
        // A submit that was cut off is all there or not at all: every annotated item has exactly its one answer.
        var stats = await after.Stats.GetAsync(project.Id, Ct);
        Assert.Equal(stats.Annotations, stats.Annotated);
        Assert.Equal(stats.Annotations, stats.ByLabel["joy"]);
        Assert.True(stats.Annotated >= 60);
    }
}

public sealed class DurabilityTestsOnSqlite() : DurabilityTests(StoreKind.Sqlite)
{
    [Fact]
    public async Task A_commit_survives_the_process_dying_without_closing_the_database()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 2);
        var itemId = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items[0].Id;
        await store.Annotations.SubmitAsync(project.Id, itemId, [Choice("joy")], null, "ann", Ct);

        // Copy the files as a killed process would leave them: database and WAL, store still open, nothing checkpointed.
        var crashed = Path.Combine(DataDirectory, "crashed");
        Directory.CreateDirectory(crashed);
        foreach (var file in Directory.GetFiles(DataDirectory, "laoshi.db*"))
            File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
        Assert.True(File.Exists(Path.Combine(crashed, "laoshi.db-wal")));

        var recovered = await OpenStoreAsync(crashed);
        var item = await recovered.Items.GetAsync(project.Id, itemId, Ct);
        Assert.Equal(ItemStatus.Annotated, item.Status);
        Assert.Equal("ann", item.Annotations.Single().CreatedBy);
    }
}

public sealed class DurabilityTestsOnPostgres() : DurabilityTests(StoreKind.Postgres);

using System.Text.Json;
using Laoshi.Core.Transfer;

namespace Laoshi.Storage.Tests;

public abstract class StatsTests(StoreKind kind) : StoreTest(kind)
{
    [Fact]
    public async Task Stats_count_items_answers_and_labels_and_serialise_with_snake_case_keys()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 4,
            annotate: i => i == 0 ? [new ImportedAnswer([Choice("joy")], CompletedBy: "a"), new ImportedAnswer([Choice("joy")], CompletedBy: "b")] : [],
            predict: i => [new ImportedAnswer([Choice("calm")], ModelVersion: "m")]);

        var stats = await store.Stats.GetAsync(project.Id, Ct);

        Assert.Equal((4, 1, 2, 4), (stats.Items, stats.Annotated, stats.Annotations, stats.Predictions));
        Assert.Equal(0.25, stats.Progress);
        var json = JsonDocument.Parse(JsonSerializer.Serialize(stats)).RootElement;
        Assert.Equal(4, json.GetProperty("items").GetInt64());
        Assert.Equal(1, json.GetProperty("by_status").GetProperty("annotated").GetInt64());
        Assert.Equal(3, json.GetProperty("by_status").GetProperty("new").GetInt64());
        Assert.Equal(2, json.GetProperty("by_label").GetProperty("joy").GetInt64());
        Assert.Equal(0.25, json.GetProperty("progress").GetDouble());
    }

    [Fact]
    public async Task An_empty_project_has_zero_progress()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        var stats = await store.Stats.GetAsync(project.Id, Ct);
        Assert.Equal(0, stats.Items);
        Assert.Equal(0, stats.Progress);
        Assert.Empty(stats.ByStatus);
    }
}

public sealed class StatsTestsOnSqlite() : StatsTests(StoreKind.Sqlite);

public sealed class StatsTestsOnPostgres() : StatsTests(StoreKind.Postgres);

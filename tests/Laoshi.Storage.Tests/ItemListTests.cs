using Laoshi.Core.Errors;
using Laoshi.Core.Transfer;

namespace Laoshi.Storage.Tests;

public abstract class ItemListTests(StoreKind kind) : StoreTest(kind)
{
    [Fact]
    public async Task Paging_visits_every_item_once_in_id_order()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 2500);

        var items = await AllItemsAsync(store, project.Id, new ItemQuery(Limit: 333));

        Assert.Equal(2500, items.Count);
        Assert.Equal(2500, items.Select(i => i.Id).Distinct().Count());
        Assert.True(items.Zip(items.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => $"item {i}"), items.Select(i => i.Data["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_page_that_ends_exactly_at_the_last_item_has_no_next_cursor()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 10);
        var page = await store.Items.ListAsync(project.Id, new ItemQuery(Limit: 10), Ct);
        Assert.Equal(10, page.Items.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Status_label_text_and_expression_filters_select_the_right_items()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await using (var batch = await store.Items.BeginImportAsync(project.Id, Ct))
        {
            await batch.AddAsync(Text("红色的汽车 Red car"), [new ImportedAnswer([Choice("joy")], CompletedBy: "ann")], [], Ct);
            await batch.AddAsync(Text("blue 100% sky"), [new ImportedAnswer([Choice("calm")], CompletedBy: "bob")], [new ImportedAnswer([Choice("joy")], ModelVersion: "m1")], Ct);
            await batch.AddAsync(Text("green_field"), [], [new ImportedAnswer([Choice("anger")], ModelVersion: "m2")], Ct);
            await batch.AddAsync(Text("another red thing"), [], [], Ct);
            await batch.CommitAsync(Ct);
        }

        async Task<string[]> Texts(ItemQuery query) =>
            (await AllItemsAsync(store, project.Id, query)).Select(i => i.Data["text"]!.GetValue<string>()).ToArray();

        Assert.Equal(["红色的汽车 Red car", "blue 100% sky"], await Texts(new ItemQuery(Status: "annotated")));
        Assert.Equal(["green_field", "another red thing"], await Texts(new ItemQuery(Status: "new")));
        Assert.Equal(["红色的汽车 Red car"], await Texts(new ItemQuery(Label: "joy")));
        Assert.Equal(["红色的汽车 Red car", "another red thing"], await Texts(new ItemQuery(Q: "RED")));
        Assert.Equal(["红色的汽车 Red car"], await Texts(new ItemQuery(Q: "红色")));
        Assert.Equal(["blue 100% sky"], await Texts(new ItemQuery(Q: "100%")));
        Assert.Equal(["green_field"], await Texts(new ItemQuery(Q: "n_f")));
        Assert.Equal(["green_field"], await Texts(new ItemQuery(Q: "_")));
        Assert.Equal(["blue 100% sky", "green_field"], await Texts(new ItemQuery(Filter: "has_prediction")));
        Assert.Equal(["blue 100% sky"], await Texts(new ItemQuery(Filter: "has_prediction and annotated")));
        Assert.Equal(["红色的汽车 Red car", "green_field", "another red thing"], await Texts(new ItemQuery(Filter: "not (label=calm)")));
        Assert.Equal(["green_field"], await Texts(new ItemQuery(Filter: "model=m2 or (annotator=nobody)")));
        Assert.Equal(["blue 100% sky"], await Texts(new ItemQuery(Filter: "annotator=bob")));
        Assert.Equal(["blue 100% sky", "another red thing"], await Texts(new ItemQuery(Filter: "(q~\"l\" or q~thing) and not q~\"field\"")));
        Assert.Equal(["红色的汽车 Red car"], await Texts(new ItemQuery(Label: "joy", Filter: "annotations>=1")));

        var all = await AllItemsAsync(store, project.Id, new ItemQuery());
        var firstId = all[0].Id;
        Assert.Equal(["blue 100% sky", "green_field"], await Texts(new ItemQuery(Filter: $"id>{firstId} and id<{firstId + 3}")));
    }

    [Fact]
    public async Task A_bad_filter_says_where_it_goes_wrong()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        var error = await Assert.ThrowsAsync<BadInputException>(() => store.Items.ListAsync(project.Id, new ItemQuery(Filter: "status=new and lable=joy"), Ct));
        Assert.Contains("column 16", error.Message);
        Assert.Contains("lable", error.Message);
    }

    [Fact]
    public async Task Bad_cursors_and_limits_are_refused()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        Assert.Equal("cursor", (await Assert.ThrowsAsync<BadInputException>(() => store.Items.ListAsync(project.Id, new ItemQuery(Cursor: "garbage!"), Ct))).Errors[0].Field);
        Assert.Equal("limit", (await Assert.ThrowsAsync<BadInputException>(() => store.Items.ListAsync(project.Id, new ItemQuery(Limit: 0), Ct))).Errors[0].Field);
        Assert.Equal("limit", (await Assert.ThrowsAsync<BadInputException>(() => store.Items.ListAsync(project.Id, new ItemQuery(Limit: 1001), Ct))).Errors[0].Field);
    }

    [Fact]
    public async Task Items_of_another_project_are_neither_listed_nor_found()
    {
        var store = await OpenStoreAsync();
        var a = await CreateProjectAsync(store, "a");
        var b = await CreateProjectAsync(store, "b");
        await ImportAsync(store, a.Id, 3);
        var item = (await store.Items.ListAsync(a.Id, new ItemQuery(), Ct)).Items[0];
        Assert.Empty((await store.Items.ListAsync(b.Id, new ItemQuery(), Ct)).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Items.GetAsync(b.Id, item.Id, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Annotations.SubmitAsync(b.Id, item.Id, [Choice("joy")], null, "ann", Ct));
    }
}

public sealed class ItemListTestsOnSqlite() : ItemListTests(StoreKind.Sqlite);

public sealed class ItemListTestsOnPostgres() : ItemListTests(StoreKind.Postgres);

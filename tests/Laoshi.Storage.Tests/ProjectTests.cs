using Laoshi.Core.Errors;

namespace Laoshi.Storage.Tests;

public abstract class ProjectTests(StoreKind kind) : StoreTest(kind)
{
    [Fact]
    public async Task A_created_project_is_found_by_name_and_by_id_with_its_schema_text()
    {
        var store = await OpenStoreAsync();
        var created = await CreateProjectAsync(store, "emotions");

        var byName = await store.Projects.GetAsync("emotions", Ct);
        var byId = await store.Projects.GetAsync(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);

        Assert.Equal(created.Id, byName.Id);
        Assert.Equal("emotions", byId.Name);
        Assert.Equal(SchemaJson, byId.SchemaJson);
        Assert.Equal(0, byId.ItemCount);
    }

    [Fact]
    public async Task Resolving_a_project_by_name_or_id_gives_its_id_and_schema_and_an_unknown_one_is_not_found()
    {
        var store = await OpenStoreAsync();
        var created = await CreateProjectAsync(store, "emotions");
        await ImportAsync(store, created.Id, 3);

        var byName = await store.Projects.ResolveAsync("emotions", Ct);
        var byId = await store.Projects.ResolveAsync(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);

        Assert.Equal(new ProjectRef(created.Id, "emotions", SchemaJson), byName);
        Assert.Equal(byName, byId);
        await Assert.ThrowsAsync<NotFoundException>(() => store.Projects.ResolveAsync("no-such-project", Ct));
    }

    [Fact]
    public async Task A_second_project_with_the_same_name_is_a_conflict()
    {
        var store = await OpenStoreAsync();
        await CreateProjectAsync(store, "emotions");
        var error = await Assert.ThrowsAsync<ConflictException>(() => CreateProjectAsync(store, "emotions"));
        Assert.Equal(409, error.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("has space")]
    [InlineData("12345")]
    [InlineData("slash/name")]
    public async Task Names_that_would_break_urls_or_read_as_ids_are_refused(string name)
    {
        var store = await OpenStoreAsync();
        var error = await Assert.ThrowsAsync<BadInputException>(() => CreateProjectAsync(store, name));
        Assert.Equal("name", error.Errors[0].Field);
    }

    [Fact]
    public async Task Chinese_names_are_allowed()
    {
        var store = await OpenStoreAsync();
        await CreateProjectAsync(store, "情感分析");
        Assert.Equal("情感分析", (await store.Projects.GetAsync("情感分析", Ct)).Name);
    }

    [Fact]
    public async Task Listing_pages_through_every_project_once()
    {
        var store = await OpenStoreAsync();
        for (var i = 0; i < 7; i++) await CreateProjectAsync(store, $"p{i}");

        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.Projects.ListAsync(3, cursor, Ct);
            names.AddRange(page.Items.Select(p => p.Name));
            cursor = page.Next;
            pages++;
        } while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"p{i}"), names);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task An_unknown_project_is_not_found()
    {
        var store = await OpenStoreAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => store.Projects.GetAsync("nope", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Projects.GetAsync("999", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Items.ListAsync(999, new ItemQuery(), Ct));
    }

    [Fact]
    public async Task Item_count_follows_imports()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 12);
        Assert.Equal(12, (await store.Projects.GetAsync("reviews", Ct)).ItemCount);
    }
}

public sealed class ProjectTestsOnSqlite() : ProjectTests(StoreKind.Sqlite);

public sealed class ProjectTestsOnPostgres() : ProjectTests(StoreKind.Postgres);

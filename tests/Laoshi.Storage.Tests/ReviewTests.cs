using Laoshi.Core.Errors;
using Laoshi.Core.Transfer;

namespace Laoshi.Storage.Tests;

public abstract class ReviewTests(StoreKind kind) : StoreTest(kind)
{
    private async Task<(LaoshiStore Store, long Project, long[] Items)> ProjectAsync(int items = 3)
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, items);
        var ids = (await store.Items.ListAsync(project.Id, new ItemQuery(), Ct)).Items.Select(i => i.Id).ToArray();
        return (store, project.Id, ids);
    }

    [Fact]
    public async Task Accept_reject_and_correct_leave_a_trail_and_the_queue_holds_only_unreviewed_current_work()
    {
        var (store, p, ids) = await ProjectAsync();
        var a0 = await store.Annotations.SubmitAsync(p, ids[0], [Choice("joy")], 3, "ann", Ct);
        var a1 = await store.Annotations.SubmitAsync(p, ids[1], [Choice("anger")], 3, "ann", Ct);
        var b1 = await store.Annotations.SubmitAsync(p, ids[2], [Choice("calm")], 3, "bob", Ct);

        var queue = await store.Reviews.QueueAsync(p, new ReviewQueueQuery(), Ct);
        Assert.Equal([a0.Id, a1.Id, b1.Id], queue.Items.Select(a => a.Id));
        Assert.Equal([b1.Id], (await store.Reviews.QueueAsync(p, new ReviewQueueQuery(Annotator: "bob"), Ct)).Items.Select(a => a.Id));

        await store.Reviews.ReviewAsync(p, a0.Id, ReviewActions.Accept, "rev", null, null, Ct);
        var rejected = await store.Reviews.ReviewAsync(p, a1.Id, ReviewActions.Reject, "rev", "  It is sadness, not anger. ", null, Ct);
        Assert.Equal("It is sadness, not anger.", rejected.Comment);
        var corrected = await store.Reviews.ReviewAsync(p, b1.Id, ReviewActions.Correct, "rev", "joyful", [Choice("joy")], Ct);
        Assert.NotNull(corrected.CorrectionId);

        Assert.Empty((await store.Reviews.QueueAsync(p, new ReviewQueueQuery(), Ct)).Items);
        var history = await store.Annotations.HistoryAsync(p, ids[2], Ct);
        Assert.Equal([("calm", 1, false), ("joy", 2, true)], history.Select(h => (h.Result[0].Labels[0], h.Version, h.IsCurrent)));
        Assert.All(history, h => Assert.Equal("bob", h.CreatedBy));

        var mine = await store.Reviews.MineAsync(p, "ann", ct: Ct);
        var only = Assert.Single(mine.Items);
        Assert.Equal((ReviewActions.Reject, "It is sadness, not anger.", "rev", false), (only.Action, only.Comment, only.Reviewer, only.Answered));

        // The annotator answers the rejection: the new version is back in the queue and the rejection is answered.
        var again = await store.Annotations.SubmitAsync(p, ids[1], [Choice("calm")], 2, "ann", Ct);
        Assert.Equal([again.Id], (await store.Reviews.QueueAsync(p, new ReviewQueueQuery(), Ct)).Items.Select(a => a.Id));
        Assert.True((await store.Reviews.MineAsync(p, "ann", ct: Ct)).Items.Single().Answered);

        var stats = await store.Reviews.StatsAsync(p, Ct);
        Assert.Equal((3L, 1L, 1L, 1L), (stats.Reviewed, stats.Accepted, stats.Rejected, stats.Corrected));
        var ann = stats.Annotators.Single(a => a.Annotator == "ann");
        Assert.Equal((2L, 0.5), (ann.Reviewed, ann.RejectionRate));
        Assert.Equal(3L, Assert.Single(stats.Days).Reviewed);
    }

    [Fact]
    public async Task A_verdict_is_refused_for_old_versions_reviewed_work_own_work_and_a_rejection_without_comment()
    {
        var (store, p, ids) = await ProjectAsync();
        var first = await store.Annotations.SubmitAsync(p, ids[0], [Choice("joy")], null, "ann", Ct);
        var second = await store.Annotations.SubmitAsync(p, ids[0], [Choice("calm")], null, "ann", Ct);
        await Assert.ThrowsAsync<ConflictException>(() => store.Reviews.ReviewAsync(p, first.Id, ReviewActions.Accept, "rev", null, null, Ct));
        await Assert.ThrowsAsync<ConflictException>(() => store.Reviews.ReviewAsync(p, second.Id, ReviewActions.Accept, "ann", null, null, Ct));
        var noComment = await Assert.ThrowsAsync<BadInputException>(() => store.Reviews.ReviewAsync(p, second.Id, ReviewActions.Reject, "rev", " ", null, Ct));
        Assert.Equal("comment", noComment.Errors[0].Field);
        var badAction = await Assert.ThrowsAsync<BadInputException>(() => store.Reviews.ReviewAsync(p, second.Id, "approve", "rev", null, null, Ct));
        Assert.Equal("action", badAction.Errors[0].Field);
        await store.Reviews.ReviewAsync(p, second.Id, ReviewActions.Accept, "rev", null, null, Ct);
        await Assert.ThrowsAsync<ConflictException>(() => store.Reviews.ReviewAsync(p, second.Id, ReviewActions.Reject, "rev2", "no", null, Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.Reviews.ReviewAsync(p, 987654, ReviewActions.Accept, "rev", null, null, Ct));
    }

    [Fact]
    public async Task Disagreeing_items_wait_for_adjudication_worst_first_and_leave_once_agreed()
    {
        var (store, p, ids) = await ProjectAsync(4);
        // item 0: all agree; item 1: 1 of 3 pairs agree; item 2: no pair agrees; item 3: one answer.
        foreach (var (item, user, label) in new[]
                 {
                     (0, "a", "joy"), (0, "b", "joy"),
                     (1, "a", "joy"), (1, "b", "joy"), (1, "c", "calm"),
                     (2, "a", "joy"), (2, "b", "anger"),
                     (3, "a", "calm"),
                 })
            await store.Annotations.SubmitAsync(p, ids[item], [Choice(label)], null, user, Ct);

        var queue = await store.Reviews.AdjudicationAsync(p, ct: Ct);
        Assert.Equal([(ids[2], 0.0), (ids[1], 1.0 / 3)], queue.Items.Select(e => (e.ItemId, e.Agreement)));
        Assert.Equal(["a", "b", "c"], queue.Items[1].Annotators);

        await store.Reviews.SetSettingsAsync(p, new ReviewSettings(0.3), Ct);
        Assert.Equal([ids[2]], (await store.Reviews.AdjudicationAsync(p, ct: Ct)).Items.Select(e => e.ItemId));
        await store.Reviews.SetSettingsAsync(p, new ReviewSettings(1), Ct);

        var paged = await store.Reviews.AdjudicationAsync(p, limit: 1, ct: Ct);
        Assert.Equal([ids[2]], paged.Items.Select(e => e.ItemId));
        Assert.Equal([ids[1]], (await store.Reviews.AdjudicationAsync(p, 1, paged.Next, Ct)).Items.Select(e => e.ItemId));

        var adopted = (await store.Items.GetAsync(p, ids[1], Ct)).Annotations.Single(a => a.CreatedBy == "c");
        var agreed = await store.Reviews.SetAgreedAsync(p, ids[1], null, adopted.Id, "rev", Ct);
        Assert.Equal(("c", AgreedSources.Adjudication), (agreed.AnsweredBy, agreed.Source));
        await store.Reviews.SetAgreedAsync(p, ids[2], [Choice("calm")], null, "rev", Ct);
        Assert.Empty((await store.Reviews.AdjudicationAsync(p, ct: Ct)).Items);

        // A later answer that disagrees puts the item back.
        await store.Annotations.SubmitAsync(p, ids[2], [Choice("joy")], null, "d", Ct);
        Assert.Equal([ids[2]], (await store.Reviews.AdjudicationAsync(p, ct: Ct)).Items.Select(e => e.ItemId));

        // Rejecting one side of a two-way disagreement leaves nothing to adjudicate.
        var b0 = await store.Annotations.SubmitAsync(p, ids[0], [Choice("anger")], null, "b", Ct);
        Assert.Contains(ids[0], (await store.Reviews.AdjudicationAsync(p, ct: Ct)).Items.Select(e => e.ItemId));
        await store.Reviews.ReviewAsync(p, b0.Id, ReviewActions.Reject, "rev", "anger?", null, Ct);
        Assert.DoesNotContain(ids[0], (await store.Reviews.AdjudicationAsync(p, ct: Ct)).Items.Select(e => e.ItemId));
        await Assert.ThrowsAsync<BadInputException>(() => store.Reviews.SetSettingsAsync(p, new ReviewSettings(1.5), Ct));
    }

    [Fact]
    public async Task Exports_and_snapshots_take_the_agreed_answer_and_leave_out_rejected_ones()
    {
        var (store, p, ids) = await ProjectAsync(4);
        var single = await store.Annotations.SubmitAsync(p, ids[0], [Choice("anger")], null, "a", Ct);
        await store.Annotations.SubmitAsync(p, ids[1], [Choice("joy")], null, "a", Ct);
        await store.Annotations.SubmitAsync(p, ids[1], [Choice("calm")], null, "b", Ct);
        var rejected = await store.Annotations.SubmitAsync(p, ids[2], [Choice("joy")], null, "a", Ct);
        await store.Annotations.SubmitAsync(p, ids[2], [Choice("joy")], null, "b", Ct);

        // Correcting the only answer makes the correction the agreed answer.
        var correction = await store.Reviews.ReviewAsync(p, single.Id, ReviewActions.Correct, "rev", null, [Choice("calm")], Ct);
        Assert.Equal(correction.CorrectionId, (await store.Reviews.GetAgreedAsync(p, ids[0], Ct))!.SourceAnnotationId);
        await store.Reviews.SetAgreedAsync(p, ids[1], [Choice("calm")], null, "rev", Ct);
        await store.Reviews.ReviewAsync(p, rejected.Id, ReviewActions.Reject, "rev", "look again", null, Ct);
        Assert.Null(await store.Reviews.GetAgreedAsync(p, ids[2], Ct));

        var snapshot = await store.Snapshots.CreateAsync(p, "gold", null, Ct);
        Assert.Equal(4, snapshot.ItemCount);
        // Changing the agreed answer after the snapshot does not change the snapshot.
        await store.Reviews.SetAgreedAsync(p, ids[1], [Choice("joy")], null, "rev2", Ct);

        static List<(string? By, string Label)> Answers(ExportItem item) => item.Annotations.Select(a => (a.CreatedBy, a.Result[0].Labels[0])).ToList();
        var frozen = await store.Export.StreamAsync(p, "gold", ct: Ct).ToListAsync(Ct);
        Assert.Equal([("a", "calm")], Answers(frozen[0]));
        Assert.Equal(correction.CorrectionId, frozen[0].Annotations[0].Id);
        Assert.Equal([("rev", "calm")], Answers(frozen[1]));
        Assert.Equal([("b", "joy")], Answers(frozen[2]));
        Assert.Empty(frozen[3].Annotations);

        var live = await store.Export.StreamAsync(p, ct: Ct).ToListAsync(Ct);
        Assert.Equal([("rev2", "joy")], Answers(live[1]));
        Assert.Equal([("b", "joy")], Answers(live[2]));
    }

    [Fact]
    public async Task Agreed_answers_are_exported_page_by_page_across_page_boundaries_and_corrections_update_the_label_index()
    {
        var store = await OpenStoreAsync();
        var project = await CreateProjectAsync(store);
        await ImportAsync(store, project.Id, 2500, annotate: i => [new ImportedAnswer([Choice("anger")], CompletedBy: "a"), new ImportedAnswer([Choice(i % 2 == 0 ? "anger" : "joy")], CompletedBy: "b")]);
        var ids = (await AllItemsAsync(store, project.Id, new ItemQuery(Limit: 1000))).Select(i => i.Id).ToArray();
        var chosen = new[] { 0, 999, 1000, 2499 };
        foreach (var i in chosen) await store.Reviews.SetAgreedAsync(project.Id, ids[i], [Choice("calm")], null, "rev", Ct);
        await store.Snapshots.CreateAsync(project.Id, "paged", null, Ct);

        foreach (var snapshot in new[] { "paged", null })
        {
            var exported = await store.Export.StreamAsync(project.Id, snapshot, ct: Ct).ToListAsync(Ct);
            Assert.Equal(ids, exported.Select(e => e.Id));
            for (var i = 0; i < exported.Count; i++)
            {
                var labels = exported[i].Annotations.Select(a => a.Result[0].Labels[0]).ToList();
                Assert.Equal(chosen.Contains(i) ? ["calm"] : ["anger", i % 2 == 0 ? "anger" : "joy"], labels);
            }
        }
        // Disagreeing items not yet agreed: the odd ones, minus the two odd chosen ones (999, 2499).
        var queue = new List<AdjudicationEntry>();
        string? cursor = null;
        do
        {
            var page = await store.Reviews.AdjudicationAsync(project.Id, 500, cursor, Ct);
            queue.AddRange(page.Items);
            cursor = page.Next;
        } while (cursor is not null);
        Assert.Equal(1248, queue.Count);

        var one = (await store.Items.GetAsync(project.Id, ids[2], Ct)).Annotations.Single(a => a.CreatedBy == "b");
        await store.Reviews.ReviewAsync(project.Id, one.Id, ReviewActions.Correct, "rev", null, [Choice("calm")], Ct);
        var calm = await AllItemsAsync(store, project.Id, new ItemQuery(Label: "calm", Limit: 1000));
        Assert.Equal([ids[2]], calm.Select(i => i.Id));
    }
}

public sealed class ReviewTestsOnSqlite() : ReviewTests(StoreKind.Sqlite);

public sealed class ReviewTestsOnPostgres() : ReviewTests(StoreKind.Postgres);

using Laoshi.Core.Errors;
using Laoshi.Core.Gold;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>A lease handed out: the item and until when, or why the person gets no work.</summary>
internal sealed record LeaseOutcome(long? ItemId, long Until, NotQualifiedException? Refusal = null)
{
    public static LeaseOutcome None { get; } = new(null, 0);
}

/// <summary>
/// The work-distribution rules, written once for SQLite (run on the write queue, one piece of work at a time) and
/// PostgreSQL (a write session; item rows locked with SKIP LOCKED and a person's own calls serialised by an advisory lock).
/// </summary>
internal static class WorkRules
{
    private const string Leased = AssignmentStates.Leased;

    /// <summary>The settings, from the cache when it has them (hot paths pass one).</summary>
    public static async ValueTask<DistributionSettings> SettingsAsync(SqlRunner sql, long projectId, DistributionSettingsCache? cache, CancellationToken ct)
    {
        if (cache is not null && cache.TryGet(projectId, out var known)) return known;
        var read = await SettingsAsync(sql, projectId, ct);
        return cache is null ? read : cache.Remember(projectId, read);
    }

    public static async ValueTask<DistributionSettings> SettingsAsync(SqlRunner sql, long projectId, CancellationToken ct)
    {
        var rows = await sql.RowsAsync(
            "SELECT overlap, item_order, lease_seconds, gold_rate, exam_enabled, exam_pass_score, random_share FROM distribution_settings WHERE project_id = @p",
            r => new DistributionSettings(r.GetInt32(0), r.GetString(1), TimeSpan.FromSeconds(r.GetInt32(2)), r.GetDouble(3), r.GetBoolean(4), r.GetDouble(5), r.GetDouble(6)),
            ct, ("@p", projectId));
        return rows.Count > 0 ? rows[0] : DistributionSettings.Default;
    }

    public static async ValueTask SaveSettingsAsync(SqlRunner sql, long projectId, DistributionSettings settings, long now, CancellationToken ct)
    {
        var before = await SettingsAsync(sql, projectId, ct);
        await sql.ExecuteAsync(
            "INSERT INTO distribution_settings (project_id, overlap, item_order, lease_seconds, gold_rate, exam_enabled, exam_pass_score, random_share, updated_at) " +
            "VALUES (@p, @o, @order, @lease, @gold, @exam, @pass, @random, @now) ON CONFLICT (project_id) DO UPDATE SET overlap = excluded.overlap, " +
            "item_order = excluded.item_order, lease_seconds = excluded.lease_seconds, gold_rate = excluded.gold_rate, " +
            "exam_enabled = excluded.exam_enabled, exam_pass_score = excluded.exam_pass_score, random_share = excluded.random_share, updated_at = excluded.updated_at", ct,
            ("@p", projectId), ("@o", settings.Overlap), ("@order", settings.Order), ("@lease", (int)settings.LeaseLength.TotalSeconds),
            ("@gold", settings.GoldRate), ("@exam", settings.ExamEnabled), ("@pass", settings.ExamPassScore), ("@random", settings.RandomShare), ("@now", now));
        if (before.Overlap != settings.Overlap)
        {
            // An item is done when `overlap` people answered it, so a new overlap re-decides every item's status at once.
            await sql.ExecuteAsync(
                "UPDATE items SET status = CASE WHEN annotation_count >= @o THEN @annotated ELSE @new END " +
                "WHERE project_id = @p AND status <> '" + Cleaning.DroppedItems.Status + "' AND NOT EXISTS (SELECT 1 FROM gold_items g WHERE g.item_id = items.id)", ct,
                ("@o", settings.Overlap), ("@annotated", ItemStatus.Annotated), ("@new", ItemStatus.New), ("@p", projectId));
        }
    }

    /// <summary>
    /// The person's next copy: the one they hold; else, with the exam on and not yet passed, the next exam item; else a gold
    /// item when it is their gold turn; else the first open item in the project's order that they have not answered,
    /// skipped or held, and that fewer than `overlap` people have answered or hold now.
    /// With <paramref name="after"/> (the item the person is on), the copy after it: a second lease taken ahead, so the
    /// workspace can show it the moment the current one is submitted. None is taken ahead during an exam not yet passed,
    /// because the exam is graded when its last item is answered, and the current one is not answered yet.
    /// </summary>
    public static async ValueTask<LeaseOutcome> LeaseNextAsync(SqlRunner sql, DistributionSettingsCache cache, long projectId, string user, TimeSpan? lease, long now, CancellationToken ct, long after = 0)
    {
        if (await sql.Int64Async("SELECT id FROM projects WHERE id = @p", ct, ("@p", projectId)) is null)
            throw new NotFoundException($"project {projectId}");
        if (sql.IsPostgres)
        {
            // One person's requests take turns (a retried request must find the lease the first one took).
            await sql.RowsAsync("SELECT pg_advisory_xact_lock(@k)", _ => 0, ct, ("@k", ItemOrder.StartFor(projectId, user) ^ (projectId << 40)));
        }
        var settings = await SettingsAsync(sql, projectId, cache, ct);
        var until = now + (long)(lease ?? settings.LeaseLength).TotalMilliseconds;

        var held = await sql.Int64Async(
            "SELECT item_id FROM assignments WHERE project_id = @p AND user_name = @u AND state = @leased AND leased_until > @now AND item_id <> @after ORDER BY item_id LIMIT 1", ct,
            ("@p", projectId), ("@u", user), ("@leased", Leased), ("@now", now), ("@after", after));
        if (held is { } heldItem)
        {
            await sql.ExecuteAsync("UPDATE assignments SET leased_until = @until, updated_at = @now WHERE item_id = @i AND user_name = @u", ct,
                ("@until", until), ("@now", now), ("@i", heldItem), ("@u", user));
            await MirrorLeaseAsync(sql, heldItem, user, until, ct);
            return new LeaseOutcome(heldItem, until);
        }

        if (settings.ExamEnabled)
        {
            if (after != 0 && !await PassedExamAsync(sql, projectId, user, ct)) return LeaseOutcome.None;
            var exam = await ExamStepAsync(sql, projectId, user, settings, until, now, ct);
            if (exam is not null) return exam;
        }

        if (settings.GoldRate > 0)
        {
            var served = await sql.Int64Async(ServedSql, ct, ("@p", projectId), ("@u", user)) ?? 0;
            if (GoldSchedule.IsGoldTurn(projectId, user, served, settings.GoldRate) && await PickGoldAsync(sql, projectId, user, after, ct) is { } gold)
            {
                await AssignAsync(sql, projectId, gold, user, until, isGold: true, isExam: false, now, ct);
                return new LeaseOutcome(gold, until);
            }
        }

        var order = settings.Order;
        if (ItemOrder.IsByPriority(order) && settings.RandomShare > 0)
        {
            // The random share: some of the person's turns walk the shuffled order instead of the priorities.
            var served = await sql.Int64Async(ServedOpenSql, ct, ("@p", projectId), ("@u", user)) ?? 0;
            if (RandomTurns.IsRandomTurn(projectId, user, served, settings.RandomShare)) order = ItemOrder.Random;
        }
        var item = await PickOpenItemAsync(sql, projectId, user, settings with { Order = order }, now, after, ct);
        if (item is null) return LeaseOutcome.None;
        await AssignAsync(sql, projectId, item.Value, user, until, isGold: false, isExam: false, now, ct);
        return new LeaseOutcome(item, until);
    }

    // How many of the person's copies count toward their gold and random turns: all of them, less the exam ones (gold
    // turns) or less the exam and gold ones (random turns). Counted as all rows minus the few flagged ones so that both
    // counts read indexes only (ix_assignments_project_user_state, and ix_assignments_exam_or_gold that holds only the
    // flagged rows; the flag conditions are written exactly as that partial index's), instead of one table look-up per
    // copy the person was ever given, which made every /next of a gold project slower as the person worked.
    private const string AllCopies = "SELECT COUNT(*) FROM assignments WHERE project_id = @p AND user_name = @u";
    private const string ServedSql = $"SELECT ({AllCopies}) - ({AllCopies} AND is_exam = TRUE)";
    private const string ServedOpenSql = $"SELECT ({AllCopies}) - ({AllCopies} AND (is_exam = TRUE OR is_gold = TRUE))";

    // An open item: not gold, not already the person's (answered, skipped), and fewer than `overlap` answers plus live leases.
    // With overlap 1 a live lease shown on the item row means its one copy is taken: that column test skips items others
    // hold before the per-item lookups below run (the scan passes every held item on its way).
    // The status is a literal, not a parameter: the shuffle and priority indexes hold only open items (partial indexes,
    // see the NextIndexes migration), and both databases use a partial index only when the query names its condition.
    private const string OpenItem =
        "i.project_id = @p AND i.status = '" + ItemStatus.New + "' AND i.id <> @after AND (@overlap > 1 OR i.lease_until IS NULL OR i.lease_until <= @now) " +
        "AND NOT EXISTS (SELECT 1 FROM gold_items g WHERE g.item_id = i.id) " +
        "AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = i.id AND a.user_name = @u AND a.state <> @leased) " +
        "AND NOT EXISTS (SELECT 1 FROM annotations x WHERE x.item_id = i.id AND x.created_by = @u) " +
        "AND i.annotation_count + (SELECT COUNT(*) FROM assignments l WHERE l.item_id = i.id AND l.state = @leased AND l.leased_until > @now) < @overlap";

    private static async ValueTask<long?> PickOpenItemAsync(SqlRunner sql, long projectId, string user, DistributionSettings settings, long now, long after, CancellationToken ct)
    {
        var key = ItemOrder.ShuffleKey("i.id");
        string[] queries = settings.Order == ItemOrder.Random
            ? [$"SELECT i.id FROM items i WHERE {OpenItem} AND {key} >= @start ORDER BY {key} LIMIT 1",
               $"SELECT i.id FROM items i WHERE {OpenItem} AND {key} < @start ORDER BY {key} LIMIT 1"]
            : ItemOrder.IsByPriority(settings.Order)
                // Highest priority first; items no scoring reached (imported since) come after, in id order.
                ? [$"SELECT i.id FROM items i WHERE {OpenItem} ORDER BY i.priority DESC NULLS LAST, i.id LIMIT 1"]
                : [$"SELECT i.id FROM items i WHERE {OpenItem} ORDER BY i.id LIMIT 1"];
        (string, object?)[] parameters =
        [
            ("@p", projectId), ("@u", user), ("@leased", Leased), ("@now", now),
            ("@overlap", settings.Overlap), ("@start", ItemOrder.StartFor(projectId, user)), ("@after", after),
        ];

        if (!sql.IsPostgres)
        {
            // On SQLite this runs alone on the write queue: what the query sees is what is true.
            foreach (var query in queries)
                if (await sql.Int64Async(query, ct, parameters) is { } found) return found;
            return null;
        }

        // PostgreSQL: lock the candidate row, passing over rows other callers have locked, then recheck the copy count in
        // a new statement, which sees every lease committed by whoever held the row before us.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            long? candidate = null;
            foreach (var query in queries)
                if ((candidate = await sql.Int64Async(query + " FOR UPDATE OF i SKIP LOCKED", ct, parameters)) is not null) break;
            if (candidate is null)
            {
                var any = false;
                foreach (var query in queries) any |= await sql.Int64Async(query, ct, parameters) is not null;
                if (!any) return null;
                await Task.Delay(5 * (attempt + 1), ct);
                continue;
            }
            var taken = await sql.Int64Async(
                "SELECT i.annotation_count + (SELECT COUNT(*) FROM assignments l WHERE l.item_id = i.id AND l.state = @leased AND l.leased_until > @now) " +
                "FROM items i WHERE i.id = @i AND i.status = @new", ct, ("@leased", Leased), ("@now", now), ("@i", candidate.Value), ("@new", ItemStatus.New));
            if (taken is { } copies && copies < settings.Overlap) return candidate;
        }
        return null;
    }

    private static ValueTask<long?> PickGoldAsync(SqlRunner sql, long projectId, string user, long after, CancellationToken ct) =>
        sql.Int64Async(
            "SELECT g.item_id FROM gold_items g WHERE g.project_id = @p AND g.item_id <> @after " +
            "AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = g.item_id AND a.user_name = @u AND a.state <> @leased) " +
            "AND NOT EXISTS (SELECT 1 FROM annotations x WHERE x.item_id = g.item_id AND x.created_by = @u) " +
            $"ORDER BY ({ItemOrder.ShuffleKey("g.item_id")} + @start) % 4294967296 LIMIT 1", ct,
            ("@p", projectId), ("@u", user), ("@leased", Leased), ("@start", ItemOrder.StartFor(projectId, user)), ("@after", after));

    private static async ValueTask<bool> PassedExamAsync(SqlRunner sql, long projectId, string user, CancellationToken ct) =>
        (await sql.RowsAsync("SELECT passed FROM exam_results WHERE project_id = @p AND user_name = @u",
            r => r.GetBoolean(0), ct, ("@p", projectId), ("@u", user))).FirstOrDefault();

    /// <summary>Null when the exam does not hold the person back; else the exam item to serve, or the refusal.</summary>
    private static async ValueTask<LeaseOutcome?> ExamStepAsync(SqlRunner sql, long projectId, string user, DistributionSettings settings, long until, long now, CancellationToken ct)
    {
        var result = await sql.RowsAsync("SELECT score, passed FROM exam_results WHERE project_id = @p AND user_name = @u",
            r => (Score: r.GetDouble(0), Passed: r.GetBoolean(1)), ct, ("@p", projectId), ("@u", user));
        if (result.Count > 0)
            return result[0].Passed ? null : new LeaseOutcome(null, 0, new NotQualifiedException(result[0].Score, settings.ExamPassScore));

        var pending = await sql.Int64Async(
            "SELECT g.item_id FROM gold_items g WHERE g.project_id = @p AND g.in_exam = TRUE " +
            "AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.item_id = g.item_id AND a.user_name = @u AND a.state <> @leased) " +
            "ORDER BY g.item_id LIMIT 1", ct, ("@p", projectId), ("@u", user), ("@leased", Leased));
        if (pending is { } examItem)
        {
            await AssignAsync(sql, projectId, examItem, user, until, isGold: true, isExam: true, now, ct);
            return new LeaseOutcome(examItem, until);
        }

        var graded = await sql.RowsAsync(
            "SELECT g.result, (SELECT a.result FROM annotations a WHERE a.item_id = g.item_id AND a.created_by = @u AND a.is_current) " +
            "FROM gold_items g WHERE g.project_id = @p AND g.in_exam = TRUE", r => !r.IsDBNull(1) && GoldGrader.Grade(
                RegionJson.Deserialize(r.GetString(0)), RegionJson.Deserialize(r.GetString(1))).Correct, ct, ("@u", user), ("@p", projectId));
        if (graded.Count == 0) return null; // an exam without items holds nobody back
        var correct = graded.Count(c => c);
        var score = (double)correct / graded.Count;
        var passed = score >= settings.ExamPassScore - 1e-9;
        await sql.ExecuteAsync(
            "INSERT INTO exam_results (project_id, user_name, score, passed, correct, total, completed_at) VALUES (@p, @u, @s, @ok, @c, @t, @now) " +
            "ON CONFLICT (project_id, user_name) DO UPDATE SET score = excluded.score, passed = excluded.passed, correct = excluded.correct, " +
            "total = excluded.total, completed_at = excluded.completed_at", ct,
            ("@p", projectId), ("@u", user), ("@s", score), ("@ok", passed), ("@c", correct), ("@t", graded.Count), ("@now", now));
        return passed ? null : new LeaseOutcome(null, 0, new NotQualifiedException(score, settings.ExamPassScore));
    }

    private static async ValueTask AssignAsync(SqlRunner sql, long projectId, long itemId, string user, long until, bool isGold, bool isExam, long now, CancellationToken ct)
    {
        await sql.ExecuteAsync(
            "INSERT INTO assignments (item_id, user_name, project_id, state, leased_until, is_gold, is_exam, updated_at) " +
            "VALUES (@i, @u, @p, @leased, @until, @gold, @exam, @now) ON CONFLICT (item_id, user_name) DO UPDATE SET state = excluded.state, " +
            "leased_until = excluded.leased_until, is_gold = excluded.is_gold, is_exam = excluded.is_exam, updated_at = excluded.updated_at", ct,
            ("@i", itemId), ("@u", user), ("@p", projectId), ("@leased", Leased), ("@until", until), ("@gold", isGold), ("@exam", isExam), ("@now", now));
        await MirrorLeaseAsync(sql, itemId, user, until, ct);
    }

    // items.lease_user / lease_until keep showing the latest holder, for the item view and the `leased` filter.
    private static ValueTask<int> MirrorLeaseAsync(SqlRunner sql, long itemId, string user, long until, CancellationToken ct) =>
        sql.ExecuteAsync("UPDATE items SET lease_user = @u, lease_until = @until WHERE id = @i", ct, ("@u", user), ("@until", until), ("@i", itemId));

    /// <summary>
    /// Records that the person answered the item (their copy is done) and gives back whether it is a gold item, whose
    /// answers do not count toward its overlap or status.
    /// </summary>
    public static async ValueTask<bool> RecordAnswerAsync(SqlRunner sql, long projectId, long itemId, string user, long now, CancellationToken ct)
    {
        // One statement: the copy is done, and whether the item is gold comes back with it.
        var isGold = await sql.Int64Async(
            "INSERT INTO assignments (item_id, user_name, project_id, state, leased_until, is_gold, is_exam, updated_at) " +
            "VALUES (@i, @u, @p, @state, NULL, EXISTS (SELECT 1 FROM gold_items g WHERE g.item_id = @i), FALSE, @now) " +
            "ON CONFLICT (item_id, user_name) DO UPDATE SET state = excluded.state, leased_until = NULL, is_gold = excluded.is_gold, " +
            "updated_at = excluded.updated_at RETURNING CASE WHEN is_gold THEN 1 ELSE 0 END", ct,
            ("@i", itemId), ("@u", user), ("@p", projectId), ("@state", AssignmentStates.Submitted), ("@now", now)) == 1;
        if (isGold)
        {
            await sql.ExecuteAsync("UPDATE items SET lease_user = NULL, lease_until = NULL WHERE id = @i AND lease_user = @u", ct, ("@i", itemId), ("@u", user));
        }
        return isGold;
    }

    /// <summary>The person passes on the item: their lease ends and they will not be offered it again. An answered item stays answered.</summary>
    public static async ValueTask SkipAsync(SqlRunner sql, long projectId, long itemId, string user, long now, CancellationToken ct)
    {
        if (await sql.Int64Async("SELECT id FROM items WHERE id = @i AND project_id = @p", ct, ("@i", itemId), ("@p", projectId)) is null)
            throw new NotFoundException($"item {itemId} in project {projectId}");
        var isGold = await sql.Int64Async("SELECT item_id FROM gold_items WHERE item_id = @i", ct, ("@i", itemId)) is not null;
        await sql.ExecuteAsync(
            "INSERT INTO assignments (item_id, user_name, project_id, state, leased_until, is_gold, is_exam, updated_at) " +
            "VALUES (@i, @u, @p, @state, NULL, @gold, FALSE, @now) ON CONFLICT (item_id, user_name) DO UPDATE SET state = excluded.state, " +
            "leased_until = NULL, updated_at = excluded.updated_at WHERE assignments.state = @leased", ct,
            ("@i", itemId), ("@u", user), ("@p", projectId), ("@state", AssignmentStates.Skipped), ("@gold", isGold), ("@now", now), ("@leased", Leased));
        await sql.ExecuteAsync("UPDATE items SET lease_user = NULL, lease_until = NULL WHERE id = @i AND lease_user = @u", ct, ("@i", itemId), ("@u", user));
    }
}

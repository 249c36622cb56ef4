using Laoshi.Core.Errors;
using Laoshi.Core.Gold;
using Laoshi.Core.Regions;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// How a project's work reaches people. Each person has at most one copy of an item (an assignment: leased, submitted
/// or skipped), so nobody gets an item twice; an item is open while fewer than `overlap` people answered it or hold a
/// live lease on it, and becomes "annotated" once `overlap` people answered. Gold items (known answers) are mixed into
/// each person's queue at the gold rate, at most once per person, and never count toward an item's overlap or status.
/// With the exam on, a person's first items are the exam's gold items; after the last one their score is kept, and a
/// person who failed gets no more work until an owner resets their result.
/// </summary>
public sealed class DistributionStore
{
    private readonly StoreDatabase _database;

    internal DistributionStore(StoreDatabase database) => _database = database;

    public async Task<DistributionSettings> GetSettingsAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        return await WorkRules.SettingsAsync(SqlRunner.On(session), projectId, ct);
    }

    /// <summary>Saves the settings (checked first); a changed overlap re-decides every item's status.</summary>
    public async Task<DistributionSettings> UpdateSettingsAsync(long projectId, DistributionSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Checked();
        await using var session = await _database.WriteAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        await WorkRules.SaveSettingsAsync(SqlRunner.On(session), projectId, settings, UnixTime.Now(), ct);
        await session.CommitAsync(ct);
        _database.DistributionSettings.Forget(projectId);
        return settings;
    }

    /// <summary>The person passes on the item: their lease ends and it is not offered to them again.</summary>
    public async Task SkipAsync(long projectId, long itemId, string user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(user)) throw new BadInputException("the user is empty", field: "user");
        var now = UnixTime.Now();
        if (!_database.IsPostgres)
        {
            await _database.SqliteWrites.RunAsync(c =>
            {
                SqlRunner.Synchronously(WorkRules.SkipAsync(SqlRunner.On(c), projectId, itemId, user, now, default));
                return true;
            }, ct);
            return;
        }
        await using var session = await _database.WriteAsync(ct);
        await WorkRules.SkipAsync(SqlRunner.On(session), projectId, itemId, user, now, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>Marks the item gold with this known answer (replacing an earlier one); its exam membership is kept.</summary>
    public async Task<GoldItem> MarkGoldAsync(long projectId, long itemId, IReadOnlyList<Region> result, string user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Count == 0) throw new BadInputException("a gold answer needs at least one region", path: "$.result", field: "result");
        var now = UnixTime.Now();
        await using var session = await _database.WriteAsync(ct);
        await EnsureItemAsync(session, projectId, itemId, ct);
        await session.ExecuteAsync(
            "INSERT INTO gold_items (item_id, project_id, result, in_exam, created_by, created_at) VALUES (@i, @p, @r, FALSE, @u, @now) " +
            "ON CONFLICT (item_id) DO UPDATE SET result = excluded.result, created_by = excluded.created_by, created_at = excluded.created_at", ct,
            ("@i", itemId), ("@p", projectId), ("@r", RegionJson.Serialize(result)), ("@u", user), ("@now", now));
        await session.CommitAsync(ct);
        return (await ListGoldAsync(projectId, ct)).Single(g => g.ItemId == itemId);
    }

    /// <summary>Makes the item ordinary again (and takes it out of the exam); 404 when it is not gold.</summary>
    public async Task UnmarkGoldAsync(long projectId, long itemId, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        var removed = await session.ExecuteAsync("DELETE FROM gold_items WHERE item_id = @i AND project_id = @p", ct, ("@i", itemId), ("@p", projectId));
        if (removed == 0) throw new NotFoundException($"gold item {itemId} in project {projectId}");
        await session.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<GoldItem>> ListGoldAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        return await RowReaders.ListAsync(session,
            "SELECT item_id, result, in_exam, created_by, created_at FROM gold_items WHERE project_id = @p ORDER BY item_id",
            r => new GoldItem(r.GetInt64(0), RegionJson.Deserialize(r.GetString(1)), r.GetBoolean(2), r.GetString(3), UnixTime.ToDate(r.GetInt64(4))),
            ct, ("@p", projectId));
    }

    /// <summary>Each person's accuracy on the gold items they answered (their current answer), overall and per label; by user name.</summary>
    public async Task<IReadOnlyList<GoldAccuracy>> GoldAccuracyAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var grades = new SortedDictionary<string, List<GoldGrade>>(StringComparer.Ordinal);
        await using (var command = session.Command(
            "SELECT a.created_by, g.result, a.result FROM gold_items g JOIN annotations a ON a.item_id = g.item_id AND a.is_current " +
            "WHERE g.project_id = @p ORDER BY a.created_by", ("@p", projectId)))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var grade = GoldGrader.Grade(RegionJson.Deserialize(reader.GetString(1)), RegionJson.Deserialize(reader.GetString(2)));
                if (!grades.TryGetValue(reader.GetString(0), out var list)) grades[reader.GetString(0)] = list = [];
                list.Add(grade);
            }
        }
        return grades.Select(pair =>
        {
            var byLabel = new SortedDictionary<string, LabelGrade>(StringComparer.Ordinal);
            foreach (var (label, grade) in pair.Value.SelectMany(g => g.ByLabel))
                byLabel[label] = byLabel.TryGetValue(label, out var had) ? had.Plus(grade) : grade;
            var goldUnits = pair.Value.Sum(g => g.GoldUnits);
            var matched = pair.Value.Sum(g => g.Matched);
            var extra = pair.Value.Sum(g => g.Extra);
            return new GoldAccuracy(pair.Key, pair.Value.Count, pair.Value.Count(g => g.Correct), goldUnits, matched, extra,
                goldUnits + extra == 0 ? 1 : (double)matched / (goldUnits + extra), byLabel);
        }).ToList();
    }

    public async Task<ExamSettings> GetExamAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var settings = await WorkRules.SettingsAsync(SqlRunner.On(session), projectId, ct);
        var items = await RowReaders.ListAsync(session, "SELECT item_id FROM gold_items WHERE project_id = @p AND in_exam = TRUE ORDER BY item_id",
            r => r.GetInt64(0), ct, ("@p", projectId));
        return new ExamSettings(settings.ExamEnabled, settings.ExamPassScore, items);
    }

    /// <summary>Sets the exam: on/off, pass score, and its items, which must all be gold items of the project.</summary>
    public async Task<ExamSettings> UpdateExamAsync(long projectId, ExamSettings exam, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(exam);
        await using (var session = await _database.WriteAsync(ct))
        {
            await RowReaders.EnsureProjectAsync(session, projectId, ct);
            var gold = (await RowReaders.ListAsync(session, "SELECT item_id FROM gold_items WHERE project_id = @p", r => r.GetInt64(0), ct, ("@p", projectId))).ToHashSet();
            var errors = exam.ItemIds.Select((id, index) => (id, index)).Where(x => !gold.Contains(x.id))
                .Select(x => new InputError($"item {x.id} is not a gold item of this project", Path: $"$.items[{x.index}]", Field: "items")).ToList();
            if (errors.Count > 0) throw new BadInputException(errors);
            var rules = SqlRunner.On(session);
            var settings = await WorkRules.SettingsAsync(rules, projectId, ct);
            await WorkRules.SaveSettingsAsync(rules, projectId, (settings with { ExamEnabled = exam.Enabled, ExamPassScore = exam.PassScore }).Checked(), UnixTime.Now(), ct);
            await session.ExecuteAsync("UPDATE gold_items SET in_exam = FALSE WHERE project_id = @p AND in_exam = TRUE", ct, ("@p", projectId));
            foreach (var id in exam.ItemIds.Distinct())
                await session.ExecuteAsync("UPDATE gold_items SET in_exam = TRUE WHERE item_id = @i", ct, ("@i", id));
            await session.CommitAsync(ct);
        }
        _database.DistributionSettings.Forget(projectId);
        return await GetExamAsync(projectId, ct);
    }

    public async Task<IReadOnlyList<ExamResult>> ExamResultsAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        return await ReadResultsAsync(session, projectId, null, ct);
    }

    public async Task<ExamStatus> ExamStatusAsync(long projectId, string user, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var settings = await WorkRules.SettingsAsync(SqlRunner.On(session), projectId, ct);
        var total = await session.ScalarAsync<long?>("SELECT COUNT(*) FROM gold_items WHERE project_id = @p AND in_exam = TRUE", ct, ("@p", projectId)) ?? 0;
        var answered = await session.ScalarAsync<long?>(
            "SELECT COUNT(*) FROM gold_items g JOIN assignments a ON a.item_id = g.item_id AND a.user_name = @u AND a.state <> @leased " +
            "WHERE g.project_id = @p AND g.in_exam = TRUE", ct, ("@u", user), ("@leased", AssignmentStates.Leased), ("@p", projectId)) ?? 0;
        var result = (await ReadResultsAsync(session, projectId, user, ct)).SingleOrDefault();
        return new ExamStatus(settings.ExamEnabled, settings.ExamPassScore, (int)total, (int)answered, result);
    }

    /// <summary>Lets the person take the exam again: their result and their exam copies are forgotten. 404 when they have no result.</summary>
    public async Task ResetExamAsync(long projectId, string user, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var removed = await session.ExecuteAsync("DELETE FROM exam_results WHERE project_id = @p AND user_name = @u", ct, ("@p", projectId), ("@u", user));
        if (removed == 0) throw new NotFoundException($"exam result of '{user}' in project {projectId}");
        await session.ExecuteAsync(
            "DELETE FROM assignments WHERE user_name = @u AND item_id IN (SELECT item_id FROM gold_items WHERE project_id = @p AND in_exam = TRUE)", ct,
            ("@u", user), ("@p", projectId));
        await session.CommitAsync(ct);
    }

    private static async Task<List<ExamResult>> ReadResultsAsync(DbSession session, long projectId, string? user, CancellationToken ct) =>
        await RowReaders.ListAsync(session,
            "SELECT user_name, score, passed, correct, total, completed_at FROM exam_results WHERE project_id = @p" +
            (user is null ? "" : " AND user_name = @u") + " ORDER BY user_name",
            r => new ExamResult(r.GetString(0), r.GetDouble(1), r.GetBoolean(2), r.GetInt32(3), r.GetInt32(4), UnixTime.ToDate(r.GetInt64(5))),
            ct, ("@p", projectId), ("@u", user));

    private static async Task EnsureItemAsync(DbSession session, long projectId, long itemId, CancellationToken ct)
    {
        if (await session.ScalarAsync<long?>("SELECT id FROM items WHERE id = @i AND project_id = @p", ct, ("@i", itemId), ("@p", projectId)) is null)
            throw new NotFoundException($"item {itemId} in project {projectId}");
    }
}

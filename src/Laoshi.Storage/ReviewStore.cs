using System.Data.Common;
using System.Globalization;
using System.Text;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Review;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Review and adjudication: reviewers accept, reject (with a comment for the annotator) or correct annotation
/// versions; items whose answers disagree wait on the adjudication queue until a reviewer sets their agreed answer,
/// which is what snapshots and exports then take. Every verdict is one committed transaction; nothing is deleted.
/// </summary>
public sealed class ReviewStore
{
    /// <summary>SQL condition (annotation alias a): the annotation version has not been rejected.</summary>
    internal const string NotRejected = "NOT EXISTS (SELECT 1 FROM reviews rj WHERE rj.annotation_id = a.id AND rj.action = 'reject')";

    internal const string AgreedColumns =
        "g.id, g.item_id, g.result, g.source, g.source_annotation_id, g.answered_by, g.set_by, g.created_at, sa.version, sa.lead_time";

    private const string ReviewColumns =
        "r.id, r.project_id, r.item_id, r.annotation_id, a.version, r.annotator, r.reviewer, r.action, r.comment, r.correction_id, r.created_at, " +
        "CASE WHEN EXISTS (SELECT 1 FROM annotations b WHERE b.item_id = r.item_id AND b.created_by = r.annotator AND b.id > r.annotation_id " +
        "AND (r.correction_id IS NULL OR b.id <> r.correction_id)) THEN 1 ELSE 0 END";

    private const int MaxComment = 5000;
    private const int RefreshChunk = 500;
    private readonly StoreDatabase _database;

    internal ReviewStore(StoreDatabase database) => _database = database;

    /// <summary>One annotation version of the project (any version, current or not).</summary>
    public async Task<AnnotationRecord> GetAnnotationAsync(long projectId, long annotationId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        return await FindAnnotationAsync(session, projectId, annotationId, ct);
    }

    /// <summary>
    /// Records a reviewer's verdict on the current version of someone's answer. Reject needs a comment; correct
    /// needs the corrected (already validated) result, stored as the annotator's next version (the reviewed one stays
    /// in history) and linked from the review. Accept or correct of the item's only current answer makes it the
    /// item's agreed answer. 409 when the version is not current, already reviewed, or the reviewer's own.
    /// </summary>
    public async Task<ReviewRecord> ReviewAsync(long projectId, long annotationId, string action, string reviewer, string? comment,
        IReadOnlyList<Region>? correction, CancellationToken ct = default)
    {
        if (!ReviewActions.IsKnown(action))
            throw new BadInputException($"action must be accept, reject or correct, not '{action}'", path: "$.action", field: "action");
        if (string.IsNullOrWhiteSpace(reviewer)) throw new BadInputException("the reviewer is empty", field: "reviewer");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > MaxComment })
            throw new BadInputException($"the comment is longer than {MaxComment} characters", path: "$.comment", field: "comment");
        if (action == ReviewActions.Reject && comment is null)
            throw new BadInputException("a rejection needs a comment that tells the annotator what to change", path: "$.comment", field: "comment");
        if (action == ReviewActions.Correct && correction is null)
            throw new BadInputException("a correction needs the corrected result", path: "$.result", field: "result");

        await using var session = await _database.WriteAsync(ct);
        var target = await FindAnnotationAsync(session, projectId, annotationId, ct);
        if (session.IsPostgres)
        {
            // Read again under the item's lock: a submit that committed in between may have made it an old version.
            await LockItemAsync(session, target.ItemId, ct);
            target = await FindAnnotationAsync(session, projectId, annotationId, ct);
        }
        if (!target.IsCurrent)
            throw new ConflictException($"annotation {annotationId} is version {target.Version} of {target.CreatedBy}'s answer and a newer version exists; review the current one");
        var earlier = await RowReaders.ListAsync(session,
            "SELECT r.action, r.reviewer FROM reviews r WHERE r.annotation_id = @a OR r.correction_id = @a", r => (Action: r.GetString(0), Reviewer: r.GetString(1)), ct,
            ("@a", annotationId));
        if (earlier.Count > 0)
            throw new ConflictException($"annotation {annotationId} was already reviewed ({earlier[0].Action} by {earlier[0].Reviewer})");
        if (string.Equals(target.CreatedBy, reviewer, StringComparison.Ordinal))
            throw new ConflictException("a reviewer cannot review their own annotation");

        var now = UnixTime.Now();
        long? correctionId = null;
        if (action == ReviewActions.Correct)
            correctionId = await StoreCorrectionAsync(session, projectId, target, RegionJson.Serialize(correction!), now, ct);

        long id;
        try
        {
            id = (await session.ScalarAsync<long?>(
                "INSERT INTO reviews (project_id, item_id, annotation_id, annotator, reviewer, action, comment, correction_id, created_at) " +
                "VALUES (@p, @i, @a, @annotator, @reviewer, @action, @comment, @correction, @now) RETURNING id", ct,
                ("@p", projectId), ("@i", target.ItemId), ("@a", annotationId), ("@annotator", target.CreatedBy), ("@reviewer", reviewer),
                ("@action", action), ("@comment", comment), ("@correction", correctionId), ("@now", now)))!.Value;
        }
        catch (DbException)
        {
            throw new ConflictException($"annotation {annotationId} was reviewed by someone else at the same time");
        }

        if (action != ReviewActions.Reject)
        {
            var current = await session.ScalarAsync<long>("SELECT COUNT(*) FROM annotations WHERE item_id = @i AND is_current", ct, ("@i", target.ItemId));
            if (current == 1)
            {
                var json = correction is null ? RegionJson.Serialize(target.Result) : RegionJson.Serialize(correction);
                await InsertAgreedAsync(session, projectId, target.ItemId, json, AgreedSources.Review, correctionId ?? annotationId, target.CreatedBy, reviewer, now, ct);
            }
        }
        await session.CommitAsync(ct);
        return new ReviewRecord(id, projectId, target.ItemId, annotationId, target.Version, target.CreatedBy, reviewer, action, comment, correctionId,
            UnixTime.ToDate(now), false);
    }

    /// <summary>Current annotations nobody has reviewed yet, oldest first (by id), optionally of one annotator; never the reviewer's own.</summary>
    public async Task<Page<AnnotationRecord>> QueueAsync(long projectId, ReviewQueueQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Cursor.CheckLimit(query.Limit);
        var after = Cursor.Decode(query.Cursor);
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var parameters = new List<(string, object?)> { ("@p", projectId), ("@after", after), ("@take", limit + 1) };
        var sql = new StringBuilder(
            $"SELECT {RowReaders.AnnotationColumns} FROM annotations a WHERE a.project_id = @p AND a.is_current AND a.id > @after " +
            "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.annotation_id = a.id) AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.correction_id = a.id)");
        if (!string.IsNullOrEmpty(query.Annotator))
        {
            sql.Append(" AND a.created_by = @annotator");
            parameters.Add(("@annotator", query.Annotator));
        }
        if (!string.IsNullOrEmpty(query.Reviewer))
        {
            sql.Append(" AND a.created_by <> @reviewer");
            parameters.Add(("@reviewer", query.Reviewer));
        }
        sql.Append(" ORDER BY a.id LIMIT @take");
        var rows = await RowReaders.ListAsync(session, sql.ToString(), RowReaders.Annotation, ct, [.. parameters]);
        return rows.Count > limit ? new Page<AnnotationRecord>(rows[..limit], Cursor.Encode(rows[limit - 1].Id)) : new Page<AnnotationRecord>(rows, null);
    }

    /// <summary>The annotator's rejected and corrected annotations with the reviewers' comments, newest first.</summary>
    public async Task<Page<ReviewRecord>> MineAsync(long projectId, string annotator, int limit = 50, string? cursor = null, CancellationToken ct = default)
    {
        limit = Cursor.CheckLimit(limit);
        var before = Cursor.Decode(cursor) is var decoded and > 0 ? decoded : long.MaxValue;
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var rows = await RowReaders.ListAsync(session,
            $"SELECT {ReviewColumns} FROM reviews r JOIN annotations a ON a.id = r.annotation_id " +
            "WHERE r.project_id = @p AND r.annotator = @u AND r.action IN ('reject', 'correct') AND r.id < @before ORDER BY r.id DESC LIMIT @take",
            ReadReview, ct, ("@p", projectId), ("@u", annotator), ("@before", before), ("@take", limit + 1));
        return rows.Count > limit ? new Page<ReviewRecord>(rows[..limit], Cursor.Encode(rows[limit - 1].Id)) : new Page<ReviewRecord>(rows, null);
    }

    /// <summary>Every verdict on any version of the item's annotations, oldest first.</summary>
    public async Task<IReadOnlyList<ReviewRecord>> ItemReviewsAsync(long projectId, long itemId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await EnsureItemAsync(session, projectId, itemId, ct);
        return await RowReaders.ListAsync(session,
            $"SELECT {ReviewColumns} FROM reviews r JOIN annotations a ON a.id = r.annotation_id WHERE r.item_id = @i ORDER BY r.id",
            ReadReview, ct, ("@i", itemId));
    }

    /// <summary>
    /// Sets the item's agreed answer: either a result the reviewer wrote (validated by the caller) or one of the
    /// item's annotation versions, adopted as it is. Replaces any earlier agreed answer, which stays in the table.
    /// </summary>
    public async Task<AgreedAnswer> SetAgreedAsync(long projectId, long itemId, IReadOnlyList<Region>? result, long? annotationId, string setBy,
        CancellationToken ct = default)
    {
        if ((result is null) == (annotationId is null))
            throw new BadInputException("give either 'result' (the agreed answer) or 'annotation_id' (the answer to adopt), not both or neither",
                path: "$.result", field: "result");
        if (string.IsNullOrWhiteSpace(setBy)) throw new BadInputException("the reviewer is empty", field: "reviewer");
        await using var session = await _database.WriteAsync(ct);
        await EnsureItemAsync(session, projectId, itemId, ct);
        if (session.IsPostgres) await LockItemAsync(session, itemId, ct);
        string json;
        string? answeredBy = null;
        if (annotationId is long adopted)
        {
            var annotation = await FindAnnotationAsync(session, projectId, adopted, ct);
            if (annotation.ItemId != itemId) throw new NotFoundException($"annotation {adopted} of item {itemId}");
            json = RegionJson.Serialize(annotation.Result);
            answeredBy = annotation.CreatedBy;
        }
        else
        {
            json = RegionJson.Serialize(result!);
        }
        var now = UnixTime.Now();
        var id = await InsertAgreedAsync(session, projectId, itemId, json, AgreedSources.Adjudication, annotationId, answeredBy, setBy, now, ct);
        var agreed = await ReadAgreedAsync(session, "g.id = @g", ct, ("@g", id));
        await session.CommitAsync(ct);
        return agreed[0];
    }

    /// <summary>The item's current agreed answer, or null when it has none.</summary>
    public async Task<AgreedAnswer?> GetAgreedAsync(long projectId, long itemId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await EnsureItemAsync(session, projectId, itemId, ct);
        var found = await ReadAgreedAsync(session, "g.item_id = @i AND g.is_current", ct, ("@i", itemId));
        return found.Count > 0 ? found[0] : null;
    }

    public async Task<ReviewSettings> GetSettingsAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        return await SettingsAsync(session, projectId, ct);
    }

    public async Task<ReviewSettings> SetSettingsAsync(long projectId, ReviewSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!double.IsFinite(settings.AgreementThreshold) || settings.AgreementThreshold is < 0 or > 1)
            throw new BadInputException($"agreement_threshold must be between 0 and 1, not {settings.AgreementThreshold.ToString(CultureInfo.InvariantCulture)}",
                path: "$.agreement_threshold", field: "agreement_threshold");
        await using var session = await _database.WriteAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        await session.ExecuteAsync(
            "INSERT INTO review_settings (project_id, agreement_threshold) VALUES (@p, @t) " +
            "ON CONFLICT (project_id) DO UPDATE SET agreement_threshold = excluded.agreement_threshold", ct,
            ("@p", projectId), ("@t", settings.AgreementThreshold));
        await session.CommitAsync(ct);
        return settings;
    }

    /// <summary>
    /// Items whose current, not rejected answers from two or more people agree less than the project's threshold and
    /// that have no agreed answer set since their newest answer; worst agreement first, then by item id.
    /// </summary>
    public async Task<Page<AdjudicationEntry>> AdjudicationAsync(long projectId, int limit = 50, string? cursor = null, CancellationToken ct = default)
    {
        limit = Cursor.CheckLimit(limit);
        var (afterAgreement, afterItem) = DecodeAdjudicationCursor(cursor);
        await RefreshAgreementAsync(projectId, ct);
        await using var session = await _database.ReadAsync(ct);
        var threshold = (await SettingsAsync(session, projectId, ct)).AgreementThreshold;
        var rows = await RowReaders.ListAsync(session,
            "SELECT g.item_id, g.agreement, g.people FROM item_agreement g WHERE g.project_id = @p AND g.people >= 2 AND g.agreement < @t " +
            "AND NOT EXISTS (SELECT 1 FROM agreed_answers d WHERE d.item_id = g.item_id AND d.is_current AND d.covers_annotation_id >= g.max_annotation_id) " +
            "AND (g.agreement > @ca OR (g.agreement = @ca AND g.item_id > @ci)) ORDER BY g.agreement, g.item_id LIMIT @take",
            r => (Item: r.GetInt64(0), Agreement: r.GetDouble(1), People: r.GetInt32(2)), ct,
            ("@p", projectId), ("@t", threshold), ("@ca", afterAgreement), ("@ci", afterItem), ("@take", limit + 1));
        var page = rows.Count > limit ? rows[..limit] : rows;
        var people = new Dictionary<long, List<string>>();
        if (page.Count > 0)
        {
            var (inList, parameters) = InList(page.Select(r => r.Item));
            foreach (var (item, user) in await RowReaders.ListAsync(session,
                $"SELECT a.item_id, a.created_by FROM annotations a WHERE a.item_id IN ({inList}) AND a.is_current AND {NotRejected} ORDER BY a.item_id, a.created_by",
                r => (r.GetInt64(0), r.GetString(1)), ct, parameters))
            {
                if (!people.TryGetValue(item, out var list)) people[item] = list = [];
                list.Add(user);
            }
        }
        var entries = page.Select(r => new AdjudicationEntry(r.Item, r.Agreement, r.People, people.GetValueOrDefault(r.Item) ?? [])).ToList();
        return new Page<AdjudicationEntry>(entries, rows.Count > limit ? EncodeAdjudicationCursor(page[^1].Agreement, page[^1].Item) : null);
    }

    /// <summary>Verdicts per annotator (whose work was reviewed) and per UTC day.</summary>
    public async Task<ReviewStats> StatsAsync(long projectId, CancellationToken ct = default)
    {
        const string counts = "COUNT(*), SUM(CASE WHEN r.action = 'accept' THEN 1 ELSE 0 END), " +
                              "SUM(CASE WHEN r.action = 'reject' THEN 1 ELSE 0 END), SUM(CASE WHEN r.action = 'correct' THEN 1 ELSE 0 END)";
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var annotators = await RowReaders.ListAsync(session,
            $"SELECT r.annotator, {counts} FROM reviews r WHERE r.project_id = @p GROUP BY r.annotator ORDER BY r.annotator",
            r => new AnnotatorReviewStats(r.GetString(0), Long(r, 1), Long(r, 2), Long(r, 3), Long(r, 4), Rate(Long(r, 3), Long(r, 1))), ct,
            ("@p", projectId));
        var days = await RowReaders.ListAsync(session,
            $"SELECT r.created_at / 86400000 AS day, {counts} FROM reviews r WHERE r.project_id = @p GROUP BY r.created_at / 86400000 ORDER BY day",
            r => new DailyReviewStats(UnixTime.ToDate(Long(r, 0) * 86_400_000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Long(r, 1), Long(r, 2), Long(r, 3), Long(r, 4)), ct,
            ("@p", projectId));
        var reviewed = annotators.Sum(a => a.Reviewed);
        var rejected = annotators.Sum(a => a.Rejected);
        return new ReviewStats(reviewed, annotators.Sum(a => a.Accepted), rejected, annotators.Sum(a => a.Corrected), Rate(rejected, reviewed), annotators, days);
    }

    /// <summary>Reads agreed answers (alias g, with the adopted annotation as sa) matching the condition.</summary>
    internal static Task<List<AgreedAnswer>> ReadAgreedAsync(DbSession session, string condition, CancellationToken ct, params (string, object?)[] parameters) =>
        RowReaders.ListAsync(session,
            $"SELECT {AgreedColumns} FROM agreed_answers g LEFT JOIN annotations sa ON sa.id = g.source_annotation_id WHERE {condition} ORDER BY g.item_id",
            ReadAgreed, ct, parameters);

    /// <summary>The agreed answer as exporters see it: under the adopted annotation's id and author when it is one.</summary>
    internal static Core.Transfer.ExportedAnswer ToExported(AgreedAnswer agreed, int? version, double? leadTime) =>
        new(agreed.SourceAnnotationId ?? agreed.Id, version ?? 1, agreed.Result, agreed.CreatedAt, leadTime, agreed.AnsweredBy ?? agreed.SetBy);

    internal static AgreedAnswer ReadAgreed(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), RegionJson.Deserialize(r.GetString(2)), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), UnixTime.ToDate(r.GetInt64(7)));

    /// <summary>Brings item_agreement up to date for the project's items with two or more current answers, a chunk at a time.</summary>
    private async Task RefreshAgreementAsync(long projectId, CancellationToken ct)
    {
        List<long> stale;
        await using (var session = await _database.ReadAsync(ct))
        {
            await RowReaders.EnsureProjectAsync(session, projectId, ct);
            stale = await RowReaders.ListAsync(session,
                "SELECT x.item_id FROM (SELECT a.item_id, MAX(a.id) AS mx, COUNT(*) AS n, SUM(CASE WHEN rj.id IS NULL THEN 0 ELSE 1 END) AS rejected " +
                "FROM annotations a LEFT JOIN reviews rj ON rj.annotation_id = a.id AND rj.action = 'reject' " +
                "WHERE a.project_id = @p AND a.is_current GROUP BY a.item_id HAVING COUNT(*) >= 2) x " +
                "LEFT JOIN item_agreement g ON g.item_id = x.item_id " +
                "WHERE g.item_id IS NULL OR g.max_annotation_id <> x.mx OR g.answers <> x.n OR g.rejected <> x.rejected ORDER BY x.item_id",
                r => r.GetInt64(0), ct, ("@p", projectId));
        }
        for (var start = 0; start < stale.Count; start += RefreshChunk)
        {
            var chunk = stale.Skip(start).Take(RefreshChunk).ToList();
            await using var session = await _database.WriteAsync(ct);
            var (inList, parameters) = InList(chunk);
            var answers = await RowReaders.ListAsync(session,
                $"SELECT a.id, a.item_id, a.result, CASE WHEN {NotRejected} THEN 0 ELSE 1 END FROM annotations a WHERE a.item_id IN ({inList}) AND a.is_current ORDER BY a.id",
                r => (Id: r.GetInt64(0), Item: r.GetInt64(1), Result: r.GetString(2), Rejected: Long(r, 3) == 1), ct, parameters);
            foreach (var item in answers.GroupBy(a => a.Item))
            {
                var kept = item.Where(a => !a.Rejected).Select(a => RegionJson.Deserialize(a.Result)).ToList();
                await session.ExecuteAsync(
                    "INSERT INTO item_agreement (item_id, project_id, agreement, people, answers, rejected, max_annotation_id) VALUES (@i, @p, @g, @people, @n, @r, @mx) " +
                    "ON CONFLICT (item_id) DO UPDATE SET agreement = excluded.agreement, people = excluded.people, answers = excluded.answers, " +
                    "rejected = excluded.rejected, max_annotation_id = excluded.max_annotation_id", ct,
                    ("@i", item.Key), ("@p", projectId), ("@g", ItemAgreement.Of(kept)), ("@people", kept.Count), ("@n", item.Count()),
                    ("@r", item.Count(a => a.Rejected)), ("@mx", item.Max(a => a.Id)));
            }
            await session.CommitAsync(ct);
        }
    }

    /// <summary>Stores the corrected result as the annotator's next version and refreshes the item's label index.</summary>
    private static async Task<long> StoreCorrectionAsync(DbSession session, long projectId, AnnotationRecord target, string json, long now, CancellationToken ct)
    {
        var version = (await session.ScalarAsync<int?>(
            "SELECT MAX(version) FROM annotations WHERE item_id = @i AND created_by = @u", ct, ("@i", target.ItemId), ("@u", target.CreatedBy)) ?? 0) + 1;
        await session.ExecuteAsync("UPDATE annotations SET is_current = FALSE WHERE item_id = @i AND created_by = @u AND is_current", ct,
            ("@i", target.ItemId), ("@u", target.CreatedBy));
        var id = (await session.ScalarAsync<long?>(
            "INSERT INTO annotations (project_id, item_id, version, result, lead_time, created_by, created_at, is_current) " +
            "VALUES (@p, @i, @v, @r, NULL, @u, @now, TRUE) RETURNING id", ct,
            ("@p", projectId), ("@i", target.ItemId), ("@v", version), ("@r", json), ("@u", target.CreatedBy), ("@now", now)))!.Value;
        // The answer count and status are unchanged (the same people answered); the labels may not be.
        var current = await RowReaders.ListAsync(session, "SELECT result FROM annotations WHERE item_id = @i AND is_current",
            r => RegionJson.Deserialize(r.GetString(0)), ct, ("@i", target.ItemId));
        await session.ExecuteAsync("DELETE FROM item_labels WHERE item_id = @i", ct, ("@i", target.ItemId));
        foreach (var (label, count) in LabelCounts.Of(current))
            await session.ExecuteAsync("INSERT INTO item_labels (project_id, item_id, label, count) VALUES (@p, @i, @l, @c)", ct,
                ("@p", projectId), ("@i", target.ItemId), ("@l", label), ("@c", count));
        return id;
    }

    private static async Task<long> InsertAgreedAsync(DbSession session, long projectId, long itemId, string json, string source, long? sourceAnnotationId,
        string? answeredBy, string setBy, long now, CancellationToken ct)
    {
        // What the agreed answer settles: the answers there were when it was set. A newer answer may disagree again.
        var covers = await session.ScalarAsync<long?>("SELECT MAX(id) FROM annotations WHERE item_id = @i AND is_current", ct, ("@i", itemId)) ?? 0;
        await session.ExecuteAsync("UPDATE agreed_answers SET is_current = FALSE WHERE item_id = @i AND is_current", ct, ("@i", itemId));
        return (await session.ScalarAsync<long?>(
            "INSERT INTO agreed_answers (project_id, item_id, result, source, source_annotation_id, answered_by, covers_annotation_id, set_by, created_at, is_current) " +
            "VALUES (@p, @i, @r, @source, @a, @by, @covers, @set, @now, TRUE) RETURNING id", ct,
            ("@p", projectId), ("@i", itemId), ("@r", json), ("@source", source), ("@a", sourceAnnotationId), ("@by", answeredBy),
            ("@covers", covers), ("@set", setBy), ("@now", now)))!.Value;
    }

    private static async Task<AnnotationRecord> FindAnnotationAsync(DbSession session, long projectId, long annotationId, CancellationToken ct)
    {
        var found = await RowReaders.ListAsync(session,
            $"SELECT {RowReaders.AnnotationColumns} FROM annotations a WHERE a.id = @a AND a.project_id = @p", RowReaders.Annotation, ct,
            ("@a", annotationId), ("@p", projectId));
        return found.Count > 0 ? found[0] : throw new NotFoundException($"annotation {annotationId} in project {projectId}");
    }

    private static async Task EnsureItemAsync(DbSession session, long projectId, long itemId, CancellationToken ct)
    {
        var found = await session.ScalarAsync<long?>("SELECT id FROM items WHERE id = @i AND project_id = @p", ct, ("@i", itemId), ("@p", projectId));
        if (found is null) throw new NotFoundException($"item {itemId} in project {projectId}");
    }

    /// <summary>PostgreSQL: takes turns with submits on the same item (SQLite's writers already take turns).</summary>
    private static Task LockItemAsync(DbSession session, long itemId, CancellationToken ct) =>
        session.ScalarAsync<long?>("SELECT id FROM items WHERE id = @i FOR UPDATE", ct, ("@i", itemId));

    private static async Task<ReviewSettings> SettingsAsync(DbSession session, long projectId, CancellationToken ct) =>
        await session.ScalarAsync<double?>("SELECT agreement_threshold FROM review_settings WHERE project_id = @p", ct, ("@p", projectId)) is double t
            ? new ReviewSettings(t)
            : ReviewSettings.Default;

    private static ReviewRecord ReadReview(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt32(4), r.GetString(5), r.GetString(6), r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetInt64(9), UnixTime.ToDate(r.GetInt64(10)), Long(r, 11) == 1);

    private static long Long(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : Convert.ToInt64(r.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static double Rate(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static (string Sql, (string, object?)[] Parameters) InList(IEnumerable<long> ids)
    {
        var parameters = ids.Select((id, n) => ($"@id{n}", (object?)id)).ToArray();
        return (string.Join(", ", parameters.Select(p => p.Item1)), parameters);
    }

    private static string EncodeAdjudicationCursor(double agreement, long itemId) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"adj:{agreement.ToString("R", CultureInfo.InvariantCulture)}:{itemId.ToString(CultureInfo.InvariantCulture)}"));

    private static (double Agreement, long ItemId) DecodeAdjudicationCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return (-1, 0);
        try
        {
            var parts = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor)).Split(':');
            if (parts.Length == 3 && parts[0] == "adj"
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var agreement)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var item))
                return (agreement, item);
        }
        catch (FormatException)
        {
        }
        throw new BadInputException("the cursor is not one this server gave out; start again without it", field: "cursor");
    }
}

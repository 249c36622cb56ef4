using System.Data.Common;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// SQLite import: prepared INSERTs reused for every row of one transaction. SQLite runs in-process, so the
/// synchronous calls are the fast path (a million small items in seconds). The import holds the only write
/// lock (BEGIN IMMEDIATE), so it can number the items itself instead of asking SQLite for each new id.
/// </summary>
internal sealed class SqliteImportWriter : IImportWriter
{
    // A large page cache keeps a big transaction's pages in memory instead of spilling them to the WAL twice.
    private const string ImportCache = "PRAGMA cache_size=-262144";
    private const string NormalCache = "PRAGMA cache_size=-2000";
    private long _nextId;
    private readonly DbCommand _item;
    private readonly DbCommand _annotation;
    private readonly DbCommand _prediction;
    private readonly DbCommand _label;

    public SqliteImportWriter(DbSession session, long projectId)
    {
        using (var cache = session.Command(ImportCache)) cache.ExecuteNonQuery();
        session.OnClose(NormalCache);
        // AUTOINCREMENT never reuses an id, even of a deleted row: continue after both the table and its sequence.
        using (var last = session.Command("SELECT MAX(x) FROM (SELECT MAX(id) AS x FROM items UNION ALL SELECT seq AS x FROM sqlite_sequence WHERE name = 'items')"))
            _nextId = (last.ExecuteScalar() is long max ? max : 0) + 1;
        _item = Prepare(session, "INSERT INTO items (project_id, id, data, status, annotation_count, created_at) VALUES (@p, @id, @data, @status, @count, @at)",
            projectId, "@id", "@data", "@status", "@count", "@at");
        _annotation = Prepare(session,
            "INSERT INTO annotations (project_id, item_id, version, result, lead_time, created_by, created_at, is_current) VALUES (@p, @item, @version, @result, @lead, @by, @at, @current)",
            projectId, "@item", "@version", "@result", "@lead", "@by", "@at", "@current");
        _prediction = Prepare(session,
            "INSERT INTO predictions (project_id, item_id, model_version, score, result, created_at) VALUES (@p, @item, @model, @score, @result, @at)",
            projectId, "@item", "@model", "@score", "@result", "@at");
        _label = Prepare(session, "INSERT INTO item_labels (project_id, item_id, label, count) VALUES (@p, @item, @label, @count)",
            projectId, "@item", "@label", "@count");
    }

    public Task WriteAsync(PendingItem item, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var id = _nextId++;
        Set(_item, id, item.Data, item.Status, item.AnnotationCount, item.CreatedAt);
        _item.ExecuteNonQuery();
        foreach (var a in item.Annotations)
        {
            Set(_annotation, id, a.Version, a.Result, a.LeadTime, a.CreatedBy, a.CreatedAt, a.IsCurrent);
            _annotation.ExecuteNonQuery();
        }
        foreach (var p in item.Predictions)
        {
            Set(_prediction, id, p.ModelVersion, p.Score, p.Result, p.CreatedAt);
            _prediction.ExecuteNonQuery();
        }
        foreach (var (label, count) in item.Labels)
        {
            Set(_label, id, label, count);
            _label.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken ct) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _item, _annotation, _prediction, _label }) await command.DisposeAsync();
    }

    private static DbCommand Prepare(DbSession session, string sql, long projectId, params string[] names)
    {
        var command = session.Command(sql, ("@p", projectId));
        foreach (var name in names) DbSession.AddParameter(command, name, null);
        command.Prepare();
        return command;
    }

    /// <summary>Sets the parameters after @p, in order.</summary>
    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i + 1].Value = values[i] ?? DBNull.Value;
    }
}

using Laoshi.Storage.Data;
using Npgsql;
using NpgsqlTypes;

namespace Laoshi.Storage;

/// <summary>
/// PostgreSQL import: items are buffered and written a thousand at a time with binary COPY. Item ids are
/// reserved from the identity sequence first, so annotations and predictions can point at them in their own COPY.
/// Values are written synchronously: the importer buffers them and only touches the network when a buffer fills,
/// which avoids a task per value.
/// </summary>
internal sealed class PostgresImportWriter(DbSession session, long projectId) : IImportWriter
{
    private const int BatchSize = 1000;
    private readonly List<PendingItem> _buffer = new(BatchSize);
    private readonly NpgsqlConnection _connection = (NpgsqlConnection)session.Connection;

    public async Task WriteAsync(PendingItem item, CancellationToken ct)
    {
        _buffer.Add(item);
        if (_buffer.Count >= BatchSize) await FlushAsync(ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_buffer.Count == 0) return;
        var ids = await RowReaders.ListAsync(session,
            "SELECT nextval(pg_get_serial_sequence('items', 'id')) FROM generate_series(1, @n)", r => r.GetInt64(0), ct, ("@n", _buffer.Count));
        ids.Sort();

        await using (var items = await _connection.BeginBinaryImportAsync(
            "COPY items (id, project_id, data, status, annotation_count, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < _buffer.Count; i++)
            {
                var item = _buffer[i];
                items.StartRow();
                items.Write(ids[i], NpgsqlDbType.Bigint);
                items.Write(projectId, NpgsqlDbType.Bigint);
                items.Write(item.Data, NpgsqlDbType.Text);
                items.Write(item.Status, NpgsqlDbType.Text);
                items.Write(item.AnnotationCount, NpgsqlDbType.Integer);
                items.Write(item.CreatedAt, NpgsqlDbType.Bigint);
            }
            await items.CompleteAsync(ct);
        }

        if (_buffer.Any(i => i.Annotations.Count > 0))
        {
            await using var annotations = await _connection.BeginBinaryImportAsync(
                "COPY annotations (project_id, item_id, version, result, lead_time, created_by, created_at, is_current) FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < _buffer.Count; i++)
                foreach (var a in _buffer[i].Annotations)
                {
                    annotations.StartRow();
                    annotations.Write(projectId, NpgsqlDbType.Bigint);
                    annotations.Write(ids[i], NpgsqlDbType.Bigint);
                    annotations.Write(a.Version, NpgsqlDbType.Integer);
                    annotations.Write(a.Result, NpgsqlDbType.Text);
                    if (a.LeadTime is { } lead) annotations.Write(lead, NpgsqlDbType.Double);
                    else annotations.WriteNull();
                    annotations.Write(a.CreatedBy, NpgsqlDbType.Text);
                    annotations.Write(a.CreatedAt, NpgsqlDbType.Bigint);
                    annotations.Write(a.IsCurrent, NpgsqlDbType.Boolean);
                }
            await annotations.CompleteAsync(ct);
        }

        if (_buffer.Any(i => i.Predictions.Count > 0))
        {
            await using var predictions = await _connection.BeginBinaryImportAsync(
                "COPY predictions (project_id, item_id, model_version, score, result, created_at) FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < _buffer.Count; i++)
                foreach (var p in _buffer[i].Predictions)
                {
                    predictions.StartRow();
                    predictions.Write(projectId, NpgsqlDbType.Bigint);
                    predictions.Write(ids[i], NpgsqlDbType.Bigint);
                    predictions.Write(p.ModelVersion, NpgsqlDbType.Text);
                    if (p.Score is { } score) predictions.Write(score, NpgsqlDbType.Double);
                    else predictions.WriteNull();
                    predictions.Write(p.Result, NpgsqlDbType.Text);
                    predictions.Write(p.CreatedAt, NpgsqlDbType.Bigint);
                }
            await predictions.CompleteAsync(ct);
        }

        if (_buffer.Any(i => i.Labels.Count > 0))
        {
            await using var labels = await _connection.BeginBinaryImportAsync(
                "COPY item_labels (project_id, item_id, label, count) FROM STDIN (FORMAT BINARY)", ct);
            for (var i = 0; i < _buffer.Count; i++)
                foreach (var (label, count) in _buffer[i].Labels)
                {
                    labels.StartRow();
                    labels.Write(projectId, NpgsqlDbType.Bigint);
                    labels.Write(ids[i], NpgsqlDbType.Bigint);
                    labels.Write(label, NpgsqlDbType.Text);
                    labels.Write(count, NpgsqlDbType.Integer);
                }
            await labels.CompleteAsync(ct);
        }
        _buffer.Clear();
    }

    public ValueTask DisposeAsync()
    {
        _buffer.Clear();
        return ValueTask.CompletedTask;
    }
}

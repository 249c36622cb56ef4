using Laoshi.Storage.Data;
using Npgsql;
using NpgsqlTypes;

namespace Laoshi.Storage;

/// <summary>
/// PostgreSQL import: items are buffered and written a thousand at a time with binary COPY. Item ids are
/// reserved from the identity sequence first, so annotations and predictions can point at them in their own COPY.
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
                await items.StartRowAsync(ct);
                await items.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
                await items.WriteAsync(projectId, NpgsqlDbType.Bigint, ct);
                await items.WriteAsync(item.Data, NpgsqlDbType.Text, ct);
                await items.WriteAsync(item.Status, NpgsqlDbType.Text, ct);
                await items.WriteAsync(item.AnnotationCount, NpgsqlDbType.Integer, ct);
                await items.WriteAsync(item.CreatedAt, NpgsqlDbType.Bigint, ct);
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
                    await annotations.StartRowAsync(ct);
                    await annotations.WriteAsync(projectId, NpgsqlDbType.Bigint, ct);
                    await annotations.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
                    await annotations.WriteAsync(a.Version, NpgsqlDbType.Integer, ct);
                    await annotations.WriteAsync(a.Result, NpgsqlDbType.Text, ct);
                    if (a.LeadTime is { } lead) await annotations.WriteAsync(lead, NpgsqlDbType.Double, ct);
                    else await annotations.WriteNullAsync(ct);
                    await annotations.WriteAsync(a.CreatedBy, NpgsqlDbType.Text, ct);
                    await annotations.WriteAsync(a.CreatedAt, NpgsqlDbType.Bigint, ct);
                    await annotations.WriteAsync(a.IsCurrent, NpgsqlDbType.Boolean, ct);
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
                    await predictions.StartRowAsync(ct);
                    await predictions.WriteAsync(projectId, NpgsqlDbType.Bigint, ct);
                    await predictions.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
                    await predictions.WriteAsync(p.ModelVersion, NpgsqlDbType.Text, ct);
                    if (p.Score is { } score) await predictions.WriteAsync(score, NpgsqlDbType.Double, ct);
                    else await predictions.WriteNullAsync(ct);
                    await predictions.WriteAsync(p.Result, NpgsqlDbType.Text, ct);
                    await predictions.WriteAsync(p.CreatedAt, NpgsqlDbType.Bigint, ct);
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
                    await labels.StartRowAsync(ct);
                    await labels.WriteAsync(projectId, NpgsqlDbType.Bigint, ct);
                    await labels.WriteAsync(ids[i], NpgsqlDbType.Bigint, ct);
                    await labels.WriteAsync(label, NpgsqlDbType.Text, ct);
                    await labels.WriteAsync(count, NpgsqlDbType.Integer, ct);
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

using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>The reads of the annotation hot path on SQLite, on a pooled connection with prepared statements.</summary>
internal static class SqliteReads
{
    public const string ItemDetailSql =
        "SELECT i.id, i.project_id, i.data, i.status, i.annotation_count, i.lease_user, i.lease_until, i.created_at FROM items i WHERE i.id = @id AND i.project_id = @p";
    public const string CurrentAnnotationsSql =
        $"SELECT {RowReaders.AnnotationColumns} FROM annotations a WHERE a.item_id = @id AND a.is_current ORDER BY a.id";
    public const string PredictionsSql =
        $"SELECT {RowReaders.PredictionColumns} FROM predictions pr WHERE pr.item_id = @id ORDER BY pr.id";

    public static ItemDetail? Item(PreparedConnection connection, long projectId, long itemId)
    {
        ItemDetail item;
        using (var reader = connection.Command(ItemDetailSql, ("@id", itemId), ("@p", projectId)).ExecuteReader())
        {
            if (!reader.Read()) return null;
            item = ItemStore.ReadDetail(reader);
        }
        var annotations = new List<AnnotationRecord>();
        using (var reader = connection.Command(CurrentAnnotationsSql, ("@id", itemId)).ExecuteReader())
        {
            while (reader.Read()) annotations.Add(RowReaders.Annotation(reader));
        }
        var predictions = new List<PredictionRecord>();
        using (var reader = connection.Command(PredictionsSql, ("@id", itemId)).ExecuteReader())
        {
            while (reader.Read()) predictions.Add(RowReaders.Prediction(reader));
        }
        return item with { Annotations = annotations, Predictions = predictions };
    }

    /// <summary>Only the item's data (as stored JSON text), or null when the project has no such item.</summary>
    public static string? ItemData(PreparedConnection connection, long projectId, long itemId)
    {
        using var reader = connection.Command("SELECT data FROM items WHERE id = @id AND project_id = @p", ("@id", itemId), ("@p", projectId)).ExecuteReader();
        return reader.Read() ? reader.GetString(0) : null;
    }

    public static ProjectRef? Project(PreparedConnection connection, long? id, string name)
    {
        using var reader = (id is { } byId
            ? connection.Command("SELECT p.id, p.name, p.schema_json FROM projects p WHERE p.id = @id", ("@id", byId))
            : connection.Command("SELECT p.id, p.name, p.schema_json FROM projects p WHERE p.name = @name", ("@name", name))).ExecuteReader();
        return reader.Read() ? new ProjectRef(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)) : null;
    }
}

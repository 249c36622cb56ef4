using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// The next-item lease on SQLite, run on the write queue's connection: the queue runs one piece of work at a time,
/// so the select-then-update below cannot interleave with another lease, and two users never hold the same item.
/// </summary>
internal static class SqliteLeasing
{
    /// <summary>The id of the item now leased to the user until <paramref name="until"/>, or null when none is left.</summary>
    public static long? LeaseNext(PreparedConnection connection, long projectId, string user, long now, long until)
    {
        if (connection.Int64("SELECT id FROM projects WHERE id = @p", ("@p", projectId)) is null)
            throw new NotFoundException($"project {projectId}");

        // The item the user already holds comes first, so a retried request does not take a second item.
        var held = connection.Int64(
            "SELECT id FROM items WHERE project_id = @p AND lease_user = @u AND lease_until > @now AND status = @new ORDER BY id LIMIT 1",
            ("@p", projectId), ("@u", user), ("@now", now), ("@new", ItemStatus.New));
        if (held is not null)
        {
            connection.Execute("UPDATE items SET lease_until = @until WHERE id = @id", ("@until", until), ("@id", held.Value));
            return held;
        }
        return connection.Int64(
            "UPDATE items SET lease_user = @u, lease_until = @until WHERE id = (" +
            "SELECT id FROM items WHERE project_id = @p AND status = @new " +
            "AND (lease_user IS NULL OR lease_until <= @now OR lease_user = @u) ORDER BY id LIMIT 1) RETURNING id",
            ("@u", user), ("@until", until), ("@p", projectId), ("@new", ItemStatus.New), ("@now", now));
    }
}

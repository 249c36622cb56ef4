namespace Laoshi.Storage;

public sealed partial class ProjectStore
{
    /// <summary>Like <see cref="ListAsync"/>, but only the projects the person is a member of.</summary>
    public async Task<Page<ProjectInfo>> ListForMemberAsync(long userId, int limit = 50, string? cursor = null, CancellationToken ct = default)
    {
        Cursor.CheckLimit(limit);
        var after = Cursor.Decode(cursor);
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command(
            $"SELECT {Columns} FROM projects p JOIN memberships m ON m.project_id = p.id AND m.user_id = @u " +
            "WHERE p.id > @after ORDER BY p.id LIMIT @take",
            ("@u", userId), ("@after", after), ("@take", limit + 1));
        var projects = new List<ProjectInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) projects.Add(Read(reader));
        return PageOf(projects, limit, p => p.Id);
    }
}

using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Who belongs to which project, and as what. Roles are stored by name (owner, manager, reviewer, annotator);
/// the server gives them their order.
/// </summary>
public sealed class MembershipStore
{
    private static readonly string[] Roles = ["owner", "manager", "reviewer", "annotator"];
    private readonly StoreDatabase _database;

    internal MembershipStore(StoreDatabase database) => _database = database;

    /// <summary>Raised after every change, so caches of roles can forget at once.</summary>
    public event Action<long>? Changed;

    /// <summary>Gives the person the role in the project, replacing the role they had.</summary>
    public async Task SetAsync(long projectId, long userId, string role, CancellationToken ct = default)
    {
        role = CheckRole(role);
        await using (var session = await _database.WriteAsync(ct))
        {
            await RowReaders.EnsureProjectAsync(session, projectId, ct);
            if (await session.ScalarAsync<long?>("SELECT id FROM users WHERE id = @u", ct, ("@u", userId)) is null)
                throw new NotFoundException($"account {userId}");
            var updated = await session.ExecuteAsync("UPDATE memberships SET role = @r WHERE project_id = @p AND user_id = @u", ct,
                ("@p", projectId), ("@u", userId), ("@r", role));
            if (updated == 0)
            {
                await session.ExecuteAsync("INSERT INTO memberships (project_id, user_id, role, created_at) VALUES (@p, @u, @r, @now)", ct,
                    ("@p", projectId), ("@u", userId), ("@r", role), ("@now", UnixTime.Now()));
            }
            await session.CommitAsync(ct);
        }
        Changed?.Invoke(projectId);
    }

    /// <summary>Takes the person out of the project; false when they were not in it.</summary>
    public async Task<bool> RemoveAsync(long projectId, long userId, CancellationToken ct = default)
    {
        int removed;
        await using (var session = await _database.WriteAsync(ct))
        {
            removed = await session.ExecuteAsync("DELETE FROM memberships WHERE project_id = @p AND user_id = @u", ct, ("@p", projectId), ("@u", userId));
            await session.CommitAsync(ct);
        }
        Changed?.Invoke(projectId);
        return removed > 0;
    }

    /// <summary>The person's role in the project, or null when they are not a member.</summary>
    public async Task<string?> RoleAsync(long projectId, long userId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        return await session.ScalarAsync<string>("SELECT role FROM memberships WHERE project_id = @p AND user_id = @u", ct,
            ("@p", projectId), ("@u", userId));
    }

    /// <summary>Every member of the project with their role, owners first, then by email.</summary>
    public async Task<IReadOnlyList<MemberInfo>> ListAsync(long projectId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command(
            "SELECT u.id, u.email, u.display_name, m.role, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id " +
            "WHERE m.project_id = @p ORDER BY u.email_key", ("@p", projectId));
        var members = new List<MemberInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            members.Add(new MemberInfo(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), UnixTime.ToDate(reader.GetInt64(4))));
        return members.OrderBy(m => Array.IndexOf(Roles, m.Role)).ToList();
    }

    /// <summary>The projects the person belongs to, with their role in each, by project id.</summary>
    public async Task<IReadOnlyList<MembershipInfo>> ForUserAsync(long userId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command(
            "SELECT p.id, p.name, m.role FROM memberships m JOIN projects p ON p.id = m.project_id WHERE m.user_id = @u ORDER BY p.id",
            ("@u", userId));
        var projects = new List<MembershipInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) projects.Add(new MembershipInfo(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return projects;
    }

    private static string CheckRole(string role)
    {
        var name = (role ?? "").Trim().ToLowerInvariant();
        if (!Roles.Contains(name))
            throw new BadInputException($"'{role}' is not a role; use owner, manager, reviewer or annotator", field: "role");
        return name;
    }
}

using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// API tokens for scripts. Only a hash of each token is kept (the server hashes; this store never sees a token),
/// so a copy of the database does not let anyone in.
/// </summary>
public sealed class TokenStore
{
    private readonly StoreDatabase _database;

    internal TokenStore(StoreDatabase database) => _database = database;

    /// <summary>Raised after a token is revoked, so caches of token look-ups forget at once.</summary>
    public event Action? Revoked;

    public async Task<TokenInfo> CreateAsync(long userId, string name, string tokenHash, CancellationToken ct = default)
    {
        name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim();
        if (name.Length > 100) throw new BadInputException("the token name is longer than 100 characters", field: "name");
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        await using var session = await _database.WriteAsync(ct);
        if (await session.ScalarAsync<long?>("SELECT id FROM users WHERE id = @u", ct, ("@u", userId)) is null)
            throw new NotFoundException($"account {userId}");
        var now = UnixTime.Now();
        var id = (await session.ScalarAsync<long?>(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (@u, @n, @h, @now) RETURNING id", ct,
            ("@u", userId), ("@n", name), ("@h", tokenHash), ("@now", now)))!.Value;
        await session.CommitAsync(ct);
        return new TokenInfo(id, name, UnixTime.ToDate(now));
    }

    /// <summary>The account a token hash belongs to, or null for an unknown or revoked token.</summary>
    public async Task<AccountInfo?> FindAccountAsync(string tokenHash, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command(
            "SELECT u.id, u.email, u.display_name, u.is_admin, u.created_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @h",
            ("@h", tokenHash));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? AccountStore.Read(reader) : null;
    }

    public async Task<IReadOnlyList<TokenInfo>> ListAsync(long userId, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command("SELECT id, name, created_at FROM api_tokens WHERE user_id = @u ORDER BY id", ("@u", userId));
        var tokens = new List<TokenInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tokens.Add(new TokenInfo(reader.GetInt64(0), reader.GetString(1), UnixTime.ToDate(reader.GetInt64(2))));
        return tokens;
    }

    /// <summary>Deletes one of the person's tokens; false when they hold no token with that id.</summary>
    public async Task<bool> RevokeAsync(long userId, long tokenId, CancellationToken ct = default)
    {
        int removed;
        await using (var session = await _database.WriteAsync(ct))
        {
            removed = await session.ExecuteAsync("DELETE FROM api_tokens WHERE id = @id AND user_id = @u", ct, ("@id", tokenId), ("@u", userId));
            await session.CommitAsync(ct);
        }
        if (removed > 0) Revoked?.Invoke();
        return removed > 0;
    }
}

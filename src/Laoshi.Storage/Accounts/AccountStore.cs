using System.Data.Common;
using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Accounts: email, display name, password hash (made by the server's hasher; this store never sees a password),
/// admin flag and the failed-attempt counter behind lockout.
/// </summary>
public sealed class AccountStore
{
    private const string Columns = "u.id, u.email, u.display_name, u.is_admin, u.created_at";
    private readonly StoreDatabase _database;

    internal AccountStore(StoreDatabase database) => _database = database;

    /// <summary>The form an email is compared in: trimmed and lower case, so Ana@X and ana@x are one account.</summary>
    public static string KeyOf(string email) => email.Trim().ToLowerInvariant();

    public async Task<AccountInfo> CreateAsync(string email, string displayName, string passwordHash, bool isAdmin, CancellationToken ct = default)
    {
        email = CheckEmail(email);
        displayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim();
        if (displayName.Length > 200) throw new BadInputException("the display name is longer than 200 characters", field: "display_name");
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);

        await using var session = await _database.WriteAsync(ct);
        var exists = await session.ScalarAsync<long?>("SELECT id FROM users WHERE email_key = @k", ct, ("@k", KeyOf(email)));
        if (exists is not null) throw new ConflictException($"an account for '{email}' already exists");
        var now = UnixTime.Now();
        long id;
        try
        {
            id = (await session.ScalarAsync<long?>(
                "INSERT INTO users (email, email_key, display_name, password_hash, is_admin, failed_attempts, locked_until, created_at) " +
                "VALUES (@e, @k, @n, @h, @a, 0, NULL, @now) RETURNING id", ct,
                ("@e", email), ("@k", KeyOf(email)), ("@n", displayName), ("@h", passwordHash), ("@a", isAdmin), ("@now", now)))!.Value;
            await session.CommitAsync(ct);
        }
        catch (DbException)
        {
            // Another process created the same email between our check and our insert.
            throw new ConflictException($"an account for '{email}' already exists");
        }
        return new AccountInfo(id, email, displayName, isAdmin, UnixTime.ToDate(now));
    }

    /// <summary>The account with this email (any case), or null.</summary>
    public async Task<AccountInfo?> FindAsync(string email, CancellationToken ct = default) =>
        (await FindCredentialsAsync(email, ct))?.Account;

    public async Task<AccountCredentials?> FindCredentialsAsync(string email, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command(
            $"SELECT {Columns}, u.password_hash, u.failed_attempts, u.locked_until FROM users u WHERE u.email_key = @k", ("@k", KeyOf(email ?? "")));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new AccountCredentials(Read(reader), reader.GetString(5), reader.GetInt32(6),
            reader.IsDBNull(7) ? null : UnixTime.ToDate(reader.GetInt64(7)));
    }

    public async Task<AccountInfo> GetAsync(long id, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command($"SELECT {Columns} FROM users u WHERE u.id = @id", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new NotFoundException($"account {id}");
        return Read(reader);
    }

    public async Task<Page<AccountInfo>> ListAsync(int limit = 100, string? cursor = null, CancellationToken ct = default)
    {
        Cursor.CheckLimit(limit);
        var after = Cursor.Decode(cursor);
        await using var session = await _database.ReadAsync(ct);
        await using var command = session.Command($"SELECT {Columns} FROM users u WHERE u.id > @after ORDER BY u.id LIMIT @take",
            ("@after", after), ("@take", limit + 1));
        var rows = new List<AccountInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        return ProjectStore.PageOf(rows, limit, a => a.Id);
    }

    /// <summary>
    /// Counts a failed sign-in. At <paramref name="maxAttempts"/> the account locks until now + <paramref name="lockout"/>
    /// and the count starts again. Returns true when this failure locked the account.
    /// </summary>
    public async Task<bool> RecordFailureAsync(long id, int maxAttempts, TimeSpan lockout, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        var attempts = await session.ScalarAsync<int?>(
            "UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = @id RETURNING failed_attempts", ct, ("@id", id)) ?? 0;
        var locks = attempts >= maxAttempts;
        if (locks)
        {
            await session.ExecuteAsync("UPDATE users SET failed_attempts = 0, locked_until = @until WHERE id = @id", ct,
                ("@id", id), ("@until", UnixTime.From(DateTimeOffset.UtcNow + lockout)));
        }
        await session.CommitAsync(ct);
        return locks;
    }

    /// <summary>A successful sign-in clears the failure count and any expired lock; a new hash replaces an outdated one.</summary>
    public async Task RecordSuccessAsync(long id, string? newPasswordHash = null, CancellationToken ct = default)
    {
        await using var session = await _database.WriteAsync(ct);
        await session.ExecuteAsync(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL, password_hash = COALESCE(@h, password_hash) WHERE id = @id", ct,
            ("@id", id), ("@h", newPasswordHash));
        await session.CommitAsync(ct);
    }

    public async Task SetPasswordHashAsync(long id, string passwordHash, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        await using var session = await _database.WriteAsync(ct);
        var changed = await session.ExecuteAsync(
            "UPDATE users SET password_hash = @h, failed_attempts = 0, locked_until = NULL WHERE id = @id", ct, ("@id", id), ("@h", passwordHash));
        if (changed == 0) throw new NotFoundException($"account {id}");
        await session.CommitAsync(ct);
    }

    internal static AccountInfo Read(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), UnixTime.ToDate(reader.GetInt64(4)));

    /// <summary>
    /// An email, or a plain login name: scripts and tests name people without a domain. What matters is that it
    /// is one printable word that a person can type.
    /// </summary>
    private static string CheckEmail(string email)
    {
        email = (email ?? "").Trim();
        if (email.Length == 0) throw new BadInputException("the email is empty", field: "email");
        if (email.Length > 254) throw new BadInputException("the email is longer than 254 characters", field: "email");
        var bad = email.FirstOrDefault(c => char.IsWhiteSpace(c) || char.IsControl(c));
        if (bad != default) throw new BadInputException($"the email '{email}' contains a space or control character", field: "email");
        return email;
    }
}

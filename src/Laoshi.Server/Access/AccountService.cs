using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Laoshi.Core.Errors;
using Laoshi.Storage;
using Microsoft.AspNetCore.Identity;

namespace Laoshi.Server.Access;

/// <summary>
/// Accounts as the server and the CLI use them: creating people, checking passwords with lockout, and API tokens.
/// Passwords go through ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a versioned format,
/// so stronger settings later rehash old passwords at their next sign-in); tokens are kept as SHA-256 hashes.
/// </summary>
public sealed class AccountService
{
    private const string TokenPrefix = "lsk_";
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static readonly long TokenLifetime = Stopwatch.Frequency * 10; // ten seconds

    private readonly LaoshiStore _store;
    private readonly AccountSettings _settings;
    private readonly PasswordHasher<AccountInfo> _hasher = new();
    private readonly Lazy<string> _decoyHash;
    // Every bearer request looks its token up; a few seconds' memory spares the database. Revoking clears it.
    private readonly ConcurrentDictionary<string, (AccountInfo Account, long Expires)> _tokens = new(StringComparer.Ordinal);
    private static readonly AccountInfo Nobody = new(0, "", "", false, DateTimeOffset.UnixEpoch);

    public AccountService(LaoshiStore store, AccountSettings settings)
    {
        _store = store;
        _settings = settings;
        _decoyHash = new Lazy<string>(() => _hasher.HashPassword(Nobody, GeneratePassword()));
        store.Tokens.Revoked += _tokens.Clear;
    }

    public AccountSettings Settings => _settings;

    /// <summary>Creates an account; without a password one is generated and returned once.</summary>
    public async Task<NewAccount> CreateAsync(string email, string? password, bool isAdmin, string? displayName = null, CancellationToken ct = default)
    {
        var generated = password is null ? GeneratePassword() : null;
        var chosen = password ?? generated!;
        CheckPassword(chosen);
        var account = await _store.Accounts.CreateAsync(email, displayName ?? "", _hasher.HashPassword(Nobody, chosen), isAdmin, ct);
        return new NewAccount(account, generated);
    }

    public async Task SetPasswordAsync(long accountId, string password, CancellationToken ct = default)
    {
        CheckPassword(password);
        await _store.Accounts.SetPasswordHashAsync(accountId, _hasher.HashPassword(Nobody, password), ct);
    }

    /// <summary>
    /// Checks an email and password. Unknown emails and locked accounts still cost one hash, so the time taken
    /// does not tell whether an email has an account.
    /// </summary>
    public async Task<SignInOutcome> SignInAsync(string email, string password, CancellationToken ct = default)
    {
        var credentials = await _store.Accounts.FindCredentialsAsync(email ?? "", ct);
        if (credentials is null)
        {
            _hasher.VerifyHashedPassword(Nobody, _decoyHash.Value, password ?? "");
            return new SignInOutcome(null, SignInFailure.UnknownEmail);
        }
        if (credentials.LockedUntil is { } until && until > DateTimeOffset.UtcNow)
        {
            _hasher.VerifyHashedPassword(Nobody, _decoyHash.Value, password ?? "");
            return new SignInOutcome(null, SignInFailure.Locked);
        }
        var verdict = _hasher.VerifyHashedPassword(credentials.Account, credentials.PasswordHash, password ?? "");
        if (verdict == PasswordVerificationResult.Failed)
        {
            var locked = await _store.Accounts.RecordFailureAsync(credentials.Account.Id, _settings.MaxFailedAttempts, _settings.Lockout, ct);
            return new SignInOutcome(null, SignInFailure.WrongPassword, locked);
        }
        var rehashed = verdict == PasswordVerificationResult.SuccessRehashNeeded ? _hasher.HashPassword(Nobody, password!) : null;
        if (credentials.FailedAttempts > 0 || credentials.LockedUntil is not null || rehashed is not null)
            await _store.Accounts.RecordSuccessAsync(credentials.Account.Id, rehashed, ct);
        return new SignInOutcome(credentials.Account, SignInFailure.None);
    }

    public async Task<NewToken> CreateTokenAsync(long accountId, string? name, CancellationToken ct = default)
    {
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var info = await _store.Tokens.CreateAsync(accountId, name ?? "", HashToken(token), ct);
        return new NewToken(info, token);
    }

    /// <summary>The account an API token belongs to, or null for an unknown or revoked token.</summary>
    public async ValueTask<AccountInfo?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 200) return null;
        var hash = HashToken(token);
        if (_tokens.TryGetValue(hash, out var known) && Stopwatch.GetTimestamp() < known.Expires) return known.Account;
        var account = await _store.Tokens.FindAccountAsync(hash, ct);
        if (account is null) return null;
        if (_tokens.Count > 10_000) _tokens.Clear();
        _tokens[hash] = (account, Stopwatch.GetTimestamp() + TokenLifetime);
        return account;
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>16 letters and digits without look-alikes (0/O, 1/l/I): about 93 bits, easy to read out.</summary>
    public static string GeneratePassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 16);

    private void CheckPassword(string password)
    {
        if (password.Length < _settings.MinPasswordLength)
            throw new BadInputException($"the password is shorter than {_settings.MinPasswordLength} characters", field: "password");
        if (password.Length > 1000) throw new BadInputException("the password is longer than 1000 characters", field: "password");
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

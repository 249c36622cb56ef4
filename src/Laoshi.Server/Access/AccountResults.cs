using Laoshi.Storage;

namespace Laoshi.Server.Access;

/// <summary>A new account, and its password when Laoshi made one up (shown once, stored only hashed).</summary>
public sealed record NewAccount(AccountInfo Account, string? GeneratedPassword);

/// <summary>A new API token: the token itself is in <see cref="Token"/> and is never shown again.</summary>
public sealed record NewToken(TokenInfo Info, string Token);

/// <summary>Why a sign-in failed, for the audit log only: the caller is told the same thing in every case.</summary>
public enum SignInFailure
{
    None,
    UnknownEmail,
    WrongPassword,
    Locked,
}

/// <summary>The account that signed in, or why nobody did.</summary>
public sealed record SignInOutcome(AccountInfo? Account, SignInFailure Failure, bool LockedNow = false)
{
    public bool Succeeded => Account is not null;
}

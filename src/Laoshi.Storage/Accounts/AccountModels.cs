namespace Laoshi.Storage;

/// <summary>A person who can sign in. <see cref="Email"/> is kept as typed; look-ups ignore its case.</summary>
public sealed record AccountInfo(long Id, string Email, string DisplayName, bool IsAdmin, DateTimeOffset CreatedAt);

/// <summary>What checking a password needs: the stored hash and the lockout state.</summary>
public sealed record AccountCredentials(AccountInfo Account, string PasswordHash, int FailedAttempts, DateTimeOffset? LockedUntil);

/// <summary>One member of a project and their role (owner, manager, reviewer, annotator).</summary>
public sealed record MemberInfo(long UserId, string Email, string DisplayName, string Role, DateTimeOffset Since);

/// <summary>One project a person belongs to, with their role in it.</summary>
public sealed record MembershipInfo(long ProjectId, string ProjectName, string Role);

/// <summary>An API token as its owner sees it after creation: never the token itself, which is shown once.</summary>
public sealed record TokenInfo(long Id, string Name, DateTimeOffset CreatedAt);

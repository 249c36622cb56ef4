namespace Laoshi.Server.Access;

/// <summary>How sign-in behaves: lockout after repeated failures, and how long a browser session lasts.</summary>
public sealed record AccountSettings
{
    /// <summary>Failed passwords in a row that lock an account.</summary>
    public int MaxFailedAttempts { get; init; } = 5;

    /// <summary>How long a locked account refuses every password, the right one included.</summary>
    public TimeSpan Lockout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A browser session ends after this long without a request.</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Shortest password accepted when a person chooses one.</summary>
    public int MinPasswordLength { get; init; } = 8;
}

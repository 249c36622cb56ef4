namespace Laoshi.Storage;

/// <summary>
/// One thing someone did: who (<see cref="Actor"/>, the account's email), from where (<see cref="Ip"/>), what
/// (<see cref="Action"/>, e.g. "submit_annotation"), to which project, item or other target, with details as JSON.
/// </summary>
public sealed record AuditEntry(
    string Action, string? Actor = null, string? Ip = null, long? ProjectId = null, long? ItemId = null,
    string? Target = null, string? Detail = null);

/// <summary>An audit entry as stored: numbered and timed by the server.</summary>
public sealed record AuditRecord(
    long Id, DateTimeOffset At, string? Actor, string? Ip, string Action, long? ProjectId, long? ItemId, string? Target, string? Detail);

/// <summary>Which audit entries to read, oldest first, by cursor.</summary>
public sealed record AuditQuery(
    long? ProjectId = null, string? Actor = null, string? Action = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    int Limit = 100, string? Cursor = null);

namespace Laoshi.Storage;

/// <summary>
/// A project as per-item requests need it: which one, and its rules. Unlike <see cref="ProjectInfo"/> it carries no
/// item count, which costs a scan of the project's items (tens of milliseconds at a million items) on every call.
/// </summary>
public sealed record ProjectRef(long Id, string Name, string SchemaJson);

namespace Laoshi.Storage;

/// <summary>One page of a list; Next is the cursor for the following page, null after the last.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

namespace Laoshi.Storage;

/// <summary>One item's place in an active-learning queue: higher priority is served sooner.</summary>
public sealed record ItemPriority(long ItemId, double Priority);

/// <summary>When the project's queue was last scored: the strategy, the model version, how many items got a priority, and by whom.</summary>
public sealed record QueueScoring(string Strategy, string Model, long Items, string ScoredBy, DateTimeOffset ScoredAt);

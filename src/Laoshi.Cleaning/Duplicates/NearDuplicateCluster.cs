namespace Laoshi.Cleaning;

/// <summary>
/// Items that are near duplicates of each other, in the order they were added. Items join a cluster through a pair
/// whose Jaccard similarity (of character shingles, exactly computed) reaches the threshold; <see cref="Similarity"/>
/// is the lowest of those linking pairs, so every item is at least that similar to some other item in the cluster.
/// </summary>
public sealed record NearDuplicateCluster(IReadOnlyList<string> Items, double Similarity);

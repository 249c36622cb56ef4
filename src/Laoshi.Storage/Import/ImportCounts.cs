namespace Laoshi.Storage;

public sealed record ImportCounts(long Items, long Annotations, long Predictions);

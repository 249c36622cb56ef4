namespace Laoshi.Storage;

public sealed record ProjectInfo(long Id, string Name, string SchemaJson, DateTimeOffset CreatedAt, long ItemCount);

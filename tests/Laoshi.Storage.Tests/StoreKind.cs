namespace Laoshi.Storage.Tests;

public enum StoreKind { Sqlite, Postgres }

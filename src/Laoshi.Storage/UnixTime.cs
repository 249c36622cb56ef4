namespace Laoshi.Storage;

/// <summary>Timestamps are stored as unix milliseconds (see Data/Rows.cs for why).</summary>
internal static class UnixTime
{
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static long From(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToDate(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}

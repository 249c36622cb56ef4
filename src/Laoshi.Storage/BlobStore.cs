using System.Data.Common;
using System.Security.Cryptography;
using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Content-addressed files: &lt;data&gt;/blobs/ab/cd/&lt;sha256&gt;. The same bytes are stored once; a file
/// appears under its name only when complete (written to a temporary file, then renamed).
/// </summary>
public sealed class BlobStore
{
    public const string UrlPrefix = "/api/v1/blobs/";
    private readonly StoreDatabase _database;
    private readonly string _root;

    internal BlobStore(StoreDatabase database, string root)
    {
        _database = database;
        _root = root;
    }

    public static string UrlFor(string hash) => UrlPrefix + hash;

    /// <summary>True when the value is a blob URL this store gives out; hash is then its sha256.</summary>
    public static bool TryParseUrl(string? value, out string hash)
    {
        hash = "";
        if (value is null || !value.StartsWith(UrlPrefix, StringComparison.Ordinal)) return false;
        var rest = value[UrlPrefix.Length..];
        if (!IsHash(rest)) return false;
        hash = rest;
        return true;
    }

    public async Task<BlobRecord> PutAsync(Stream content, string? originalName = null, BlobMetadata? metadata = null, CancellationToken ct = default)
    {
        var row = await WriteFileAsync(content, originalName, metadata, ct);
        await using (var session = await _database.WriteAsync(ct))
        {
            await InsertAsync(session, row, ct);
            await session.CommitAsync(ct);
        }
        return await GetAsync(row.Hash, ct);
    }

    /// <summary>Stores a blob inside a write session that is already open (an import holds the SQLite write lock).</summary>
    internal async Task<string> PutAsync(DbSession session, Stream content, string? originalName, CancellationToken ct) =>
        (await PutAsync(session, content, originalName, null, ct)).Url;

    /// <summary>Stores a blob inside an open write session and reads its record back through that session, which sees the row uncommitted.</summary>
    internal async Task<BlobRecord> PutAsync(DbSession session, Stream content, string? originalName, BlobMetadata? metadata, CancellationToken ct)
    {
        var row = await WriteFileAsync(content, originalName, metadata, ct);
        await InsertAsync(session, row, ct);
        return (await FindAsync(session, [row.Hash], ct))[row.Hash];
    }

    private static Task InsertAsync(DbSession session, BlobRow row, CancellationToken ct) =>
        session.ExecuteAsync(
            "INSERT INTO blobs (hash, media_type, size, width, height, duration, original_name, created_at) " +
            "VALUES (@hash, @type, @size, @width, @height, @duration, @name, @now) ON CONFLICT (hash) DO NOTHING", ct,
            ("@hash", row.Hash), ("@type", row.MediaType), ("@size", row.Size), ("@width", row.Width), ("@height", row.Height),
            ("@duration", row.Duration), ("@name", row.OriginalName), ("@now", row.CreatedAt));

    /// <summary>Hashes while copying to a temporary file, then renames it into place (or drops it when the bytes are already stored).</summary>
    private async Task<BlobRow> WriteFileAsync(Stream content, string? originalName, BlobMetadata? metadata, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporary = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(temporary);
        var temp = Path.Combine(temporary, Guid.NewGuid().ToString("N"));
        string hash;
        long size = 0;
        var head = new byte[16];
        var headLength = 0;
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(head.Length - headLength, read);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                    size += read;
                }
                await output.FlushAsync(ct);
                output.Flush(flushToDisk: true);
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            var final = PathFor(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (File.Exists(final)) File.Delete(temp);
            else File.Move(temp, final, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return new BlobRow
        {
            Hash = hash,
            MediaType = metadata?.MediaType ?? MediaTypes.Guess(head.AsSpan(0, headLength), originalName),
            Size = size,
            Width = metadata?.Width,
            Height = metadata?.Height,
            Duration = metadata?.Duration,
            OriginalName = originalName,
            CreatedAt = UnixTime.Now(),
        };
    }

    public async Task<BlobRecord> GetAsync(string hash, CancellationToken ct = default)
    {
        if (!IsHash(hash)) throw new NotFoundException($"blob '{hash}'");
        await using var session = await _database.ReadAsync(ct);
        var found = await FindAsync(session, [hash], ct);
        return found.TryGetValue(hash, out var record) ? record : throw new NotFoundException($"blob '{hash}'");
    }

    public Stream OpenRead(string hash)
    {
        if (!IsHash(hash)) throw new NotFoundException($"blob '{hash}'");
        var path = PathFor(hash);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException($"blob '{hash}'");
        }
    }

    internal string PathFor(string hash) => Path.Combine(_root, hash[..2], hash[2..4], hash);

    internal async Task<Dictionary<string, BlobRecord>> FindAsync(DbSession session, IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        var found = new Dictionary<string, BlobRecord>(StringComparer.Ordinal);
        if (hashes.Count == 0) return found;
        var names = hashes.Select((_, i) => $"@h{i}").ToList();
        await using var command = session.Command(
            $"SELECT hash, media_type, size, width, height, duration, original_name, created_at FROM blobs WHERE hash IN ({string.Join(", ", names)})",
            hashes.Select((h, i) => (names[i], (object?)h)).ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var record = Read(reader);
            found[record.Hash] = record;
        }
        return found;
    }

    private BlobRecord Read(DbDataReader r)
    {
        var hash = r.GetString(0);
        return new BlobRecord(hash, r.GetString(1), r.GetInt64(2),
            r.IsDBNull(3) ? null : r.GetInt32(3), r.IsDBNull(4) ? null : r.GetInt32(4), r.IsDBNull(5) ? null : r.GetDouble(5),
            r.IsDBNull(6) ? null : r.GetString(6), UnixTime.ToDate(r.GetInt64(7)), PathFor(hash));
    }

    private static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
}

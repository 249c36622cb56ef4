using Laoshi.Core.Transfer;

namespace Laoshi.Formats.Tests.Support;

public static class Items
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    /// <summary>What the store would hand an exporter after importing this item.</summary>
    public static ExportItem ToExport(ImportedItem item, long id) => new(
        id,
        item.Data,
        [.. item.Annotations.Select((a, i) => new ExportedAnswer(id * 10 + i, 1, a.Result, a.CreatedAt ?? Monday, a.LeadTime, a.CompletedBy))],
        [.. item.Predictions.Select((p, i) => new ExportedAnswer(id * 10 + 5 + i, 1, p.Result, p.CreatedAt ?? Monday, ModelVersion: p.ModelVersion, Score: p.Score))],
        new Dictionary<string, BlobInfo>());

    public static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    public static async Task<List<ImportRow>> ReadAll(IImportReader reader, ImportSource source, Core.Schema.ProjectSchema schema)
    {
        var rows = new List<ImportRow>();
        await foreach (var row in reader.ReadAsync(source, schema, TestContext.Current.CancellationToken))
            rows.Add(row);
        return rows;
    }

    public static ImportedItem Good(ImportRow row) => row switch
    {
        GoodRow good => good.Item,
        BadRow bad => throw new Xunit.Sdk.XunitException($"expected a good row, got: {bad.Error}"),
        _ => throw new InvalidOperationException(),
    };

    public static Core.Errors.InputError Bad(ImportRow row) => row switch
    {
        BadRow bad => bad.Error,
        _ => throw new Xunit.Sdk.XunitException("expected a bad row"),
    };
}

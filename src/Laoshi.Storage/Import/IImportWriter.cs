namespace Laoshi.Storage;

/// <summary>Writes pending items inside the import's transaction, as fast as the provider allows.</summary>
internal interface IImportWriter : IAsyncDisposable
{
    Task WriteAsync(PendingItem item, CancellationToken ct);

    /// <summary>Writes whatever is still buffered.</summary>
    Task FlushAsync(CancellationToken ct);
}

using Laoshi.Formats;
using Laoshi.Server.Api;
using Laoshi.Storage;

namespace Laoshi.Server.Exporting;

/// <summary>Streams a project (or one of its snapshots) out in any export format, to a sink.</summary>
public sealed class ExportService(LaoshiStore store, ProjectSchemas schemas, FormatCatalog formats)
{
    public IExportWriter Writer(string format) => formats.Writer(format);

    public async Task ExportAsync(
        ProjectInfo project, string format, string? snapshot, int? snapshotVersion, IExportSink sink, CancellationToken cancellationToken)
    {
        var writer = formats.Writer(format);
        if (snapshot is not null)
        {
            // Fail before the first byte is written when the snapshot does not exist.
            await store.Snapshots.GetAsync(project.Id, snapshot, snapshotVersion, cancellationToken);
        }
        var schema = schemas.For(project);
        await writer.WriteAsync(
            () => store.Export.StreamAsync(project.Id, snapshot, snapshotVersion, cancellationToken),
            schema, sink, cancellationToken);
    }
}

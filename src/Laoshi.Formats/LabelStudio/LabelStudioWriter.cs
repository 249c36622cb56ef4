using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats.LabelStudio;

/// <summary>A Label Studio JSON export (an array of tasks), written one task at a time.</summary>
public sealed class LabelStudioWriter : IExportWriter
{
    public string Name => "labelstudio";
    public bool MultiFile => false;
    public string DefaultFileName => "export.json";

    public async Task WriteAsync(Func<IAsyncEnumerable<ExportItem>> items, ProjectSchema schema, IExportSink sink, CancellationToken cancellationToken)
    {
        await using var stream = sink.Create(DefaultFileName);
        using var output = new BufferedJsonOutput(stream);
        output.Writer.WriteStartArray();
        await foreach (var item in items().WithCancellation(cancellationToken))
        {
            LabelStudioTaskWriter.Write(output.Writer, item, schema);
            await output.MaybeFlushAsync(cancellationToken);
        }
        output.Writer.WriteEndArray();
        await output.FlushAsync(cancellationToken);
    }
}

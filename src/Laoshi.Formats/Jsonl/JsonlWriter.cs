using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;
using Laoshi.Formats.LabelStudio;

namespace Laoshi.Formats.Jsonl;

/// <summary>JSON Lines export: one Label Studio task per line, so the file imports back with the jsonl reader.</summary>
public sealed class JsonlWriter : IExportWriter
{
    public string Name => "jsonl";
    public bool MultiFile => false;
    public string DefaultFileName => "export.jsonl";

    public async Task WriteAsync(Func<IAsyncEnumerable<ExportItem>> items, ProjectSchema schema, IExportSink sink, CancellationToken cancellationToken)
    {
        await using var stream = sink.Create(DefaultFileName);
        using var output = new BufferedJsonOutput(stream);
        await foreach (var item in items().WithCancellation(cancellationToken))
        {
            LabelStudioTaskWriter.Write(output.Writer, item, schema);
            output.EndLine();
            await output.MaybeFlushAsync(cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
    }
}

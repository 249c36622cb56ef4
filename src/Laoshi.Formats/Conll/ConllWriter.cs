using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats.Conll;

/// <summary>
/// CoNLL export of the text field that the schema's labels control marks: one "token TAG" line per token
/// (whitespace-separated words; each CJK character a token), IOB2 tags from the first annotation's spans, a blank
/// line between items. Items without text are left out; overlapping spans keep the one that starts first.
/// </summary>
public sealed class ConllWriter : IExportWriter
{
    public string Name => "conll";
    public bool MultiFile => false;
    public string DefaultFileName => "export.conll";

    public async Task WriteAsync(Func<IAsyncEnumerable<ExportItem>> items, ProjectSchema schema, IExportSink sink, CancellationToken cancellationToken)
    {
        var target = ConllTarget.From(schema);
        await using var stream = sink.Create(DefaultFileName);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        var block = new StringBuilder();
        var first = true;
        await foreach (var item in items().WithCancellation(cancellationToken))
        {
            if (item.Data[target.Field.Value] is not JsonValue value || !value.TryGetValue<string>(out var text))
                continue;
            var tokens = CjkText.Tokenize(text);
            if (tokens.Count == 0)
                continue;
            block.Clear();
            if (!first)
                block.Append('\n');
            first = false;
            var spans = item.Annotations.Count > 0 ? Spans(item.Annotations[0].Result, target) : [];
            var tags = Tag(tokens, spans);
            for (var i = 0; i < tokens.Count; i++)
                block.Append(text, tokens[i].Start, tokens[i].Length).Append(' ').Append(tags[i]).Append('\n');
            await writer.WriteAsync(block, cancellationToken);
        }
    }

    private static List<Region> Spans(IReadOnlyList<Region> result, ConllTarget target)
    {
        var spans = new List<Region>();
        foreach (var region in result
                     .Where(r => r.FromName == target.Control.Name && r is { Start: not null, End: not null, Labels.Count: > 0 })
                     .OrderBy(r => r.Start).ThenByDescending(r => r.End))
        {
            if (spans.Count == 0 || region.Start >= spans[^1].End)
                spans.Add(region);
        }
        return spans;
    }

    /// <summary>IOB2: the first token a span touches is B-, the rest I-, tokens outside every span O.</summary>
    private static string[] Tag(List<TextToken> tokens, List<Region> spans)
    {
        var tags = new string[tokens.Count];
        var s = 0;
        Region? previous = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            while (s < spans.Count && spans[s].End <= token.Start)
                s++;
            var span = s < spans.Count && spans[s].Start < token.End ? spans[s] : null;
            tags[i] = span is null ? "O" : (ReferenceEquals(span, previous) ? "I-" : "B-") + span.Labels[0];
            previous = span;
        }
        return tags;
    }
}

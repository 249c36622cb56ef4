using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Regions;
using Laoshi.Core.Schema;
using Laoshi.Core.Transfer;

namespace Laoshi.Formats.Conll;

/// <summary>
/// CoNLL-2003 style token files: one token per line with its tag in the last column, a blank line between
/// sentences, -DOCSTART- lines skipped; tags in IOB1, IOB2 or IOBES. Each sentence becomes an item whose text is
/// the tokens joined by spaces (none between CJK characters) and whose annotation holds the spans.
/// </summary>
public sealed class ConllReader : IImportReader
{
    private static readonly char[] Whitespace = [' ', '\t'];

    public string Name => "conll";

    public async IAsyncEnumerable<ImportRow> ReadAsync(ImportSource source, ProjectSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ConllTarget? target = null;
        InputError? schemaError = null;
        try
        {
            target = ConllTarget.From(schema, source.Name);
        }
        catch (BadInputException e)
        {
            schemaError = e.Errors[0];
        }
        if (target is null)
        {
            yield return new BadRow(schemaError!);
            yield break;
        }

        await using var stream = source.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var sentence = new Sentence(source.Name, target);
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                if (sentence.TakeRow() is { } row)
                    yield return row;
                continue;
            }
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
                continue;
            sentence.Add(line.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries), lineNumber);
        }
        if (sentence.TakeRow() is { } last)
            yield return last;
    }

    /// <summary>The sentence being read: its tokens and tags, or the first thing wrong with it.</summary>
    private sealed class Sentence(string file, ConllTarget target)
    {
        private readonly List<string> _tokens = [];
        private readonly List<IobTag> _tags = [];
        private long _firstLine;
        private InputError? _error;

        public void Add(string[] columns, long line)
        {
            if (_tokens.Count == 0 && _error is null)
                _firstLine = line;
            if (_error is not null)
                return;
            if (columns.Length < 2)
            {
                _error = new InputError("expected a token and a tag separated by a space or tab", file, line);
                return;
            }
            var tagText = columns[^1];
            if (!IobTag.TryParse(tagText, out var tag))
            {
                _error = new InputError($"invalid tag '{tagText}': expected O, or B-, I-, E-, S- (IOB1, IOB2, IOBES) followed by a label", file, line, Field: "tag");
                return;
            }
            var labels = target.Control.Labels;
            if (tag.Label is { } label && labels.Count > 0 && !labels.Any(l => l.Value == label || l.Alias == label))
            {
                _error = new InputError($"'{label}' is not a label of '{target.Control.Name}' (expected {string.Join(", ", labels.Select(l => l.Value))})", file, line, Field: "tag");
                return;
            }
            _tokens.Add(columns[0]);
            _tags.Add(tag);
        }

        /// <summary>The finished sentence as a row (null when it had no tokens), and a fresh start for the next one.</summary>
        public ImportRow? TakeRow()
        {
            ImportRow? row = _error is not null ? new BadRow(_error) : _tokens.Count > 0 ? new GoodRow(ToItem()) : null;
            _tokens.Clear();
            _tags.Clear();
            _error = null;
            return row;
        }

        private ImportedItem ToItem()
        {
            var (text, starts) = CjkText.Join(_tokens);
            var regions = new List<Region>();
            foreach (var span in IobDecoder.Decode(_tags))
            {
                var start = starts[span.FirstToken];
                var end = starts[span.EndToken - 1] + _tokens[span.EndToken - 1].Length;
                regions.Add(new Region
                {
                    Id = $"s{regions.Count}",
                    FromName = target.Control.Name,
                    ToName = target.Field.Name,
                    Type = RegionTypes.Labels,
                    Labels = [span.Label],
                    Start = start,
                    End = end,
                    Text = text[start..end],
                });
            }
            var data = new JsonObject { [target.Field.Value] = text };
            return new ImportedItem(data, [new ImportedAnswer(regions)], [], [], new InputError("item", file, _firstLine));
        }
    }
}

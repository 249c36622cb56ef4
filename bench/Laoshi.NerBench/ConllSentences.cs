using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Learning.Training;

namespace Laoshi.NerBench;

/// <summary>
/// A CoNLL file (token, other columns, gold tag, [predicted tag]; blank line between sentences) as training examples:
/// each sentence's tokens joined by spaces as its text, the gold chunks as spans, and the file's own predicted
/// column (when it has one) kept beside them for comparison.
/// </summary>
public sealed record ConllSentence(TrainingExample Example, IReadOnlyList<LabelledSpan> FilePredicted, int Tokens);

public static class ConllSentences
{
    public static async Task<List<ConllSentence>> ReadAsync(string path, int goldColumn, int predictedColumn, CancellationToken cancellationToken)
    {
        var sentences = new List<ConllSentence>();
        var tokens = new List<string>();
        var gold = new List<string>();
        var predicted = new List<string>();
        void Flush()
        {
            if (tokens.Count == 0) return;
            var text = new StringBuilder();
            var starts = new List<int>();
            foreach (var token in tokens)
            {
                if (text.Length > 0) text.Append(' ');
                starts.Add(text.Length);
                text.Append(token);
            }
            var example = new TrainingExample(
                $"s{sentences.Count}", new JsonObject { ["text"] = text.ToString() }, [], Spans(gold, tokens, starts));
            sentences.Add(new ConllSentence(example, predicted.Count == tokens.Count ? Spans(predicted, tokens, starts) : [], tokens.Count));
            tokens.Clear();
            gold.Clear();
            predicted.Clear();
        }
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var columns = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length == 0 || columns[0] == "-DOCSTART-")
            {
                Flush();
                continue;
            }
            tokens.Add(columns[0]);
            gold.Add(Column(columns, goldColumn));
            if (Column(columns, predictedColumn) is { Length: > 0 } guess) predicted.Add(guess);
        }
        Flush();
        return sentences;
    }

    private static string Column(string[] columns, int index)
    {
        // Column 0 is the token; a column number below 1 means "none".
        return index >= 1 && index < columns.Length ? columns[index] : "";
    }

    /// <summary>Chunks from B-/I-/O tags (an I- after another type or O opens a chunk, as conlleval reads IOB1), as character spans.</summary>
    private static List<LabelledSpan> Spans(List<string> tags, List<string> tokens, List<int> starts)
    {
        var spans = new List<LabelledSpan>();
        var first = -1;
        var type = "";
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : "O";
            var (prefix, tagType) = tag.Length > 2 && tag[1] == '-' ? (tag[0], tag[2..]) : ('O', "");
            var continues = prefix == 'I' && first >= 0 && tagType == type;
            if (continues) continue;
            if (first >= 0) spans.Add(new LabelledSpan(starts[first], starts[i - 1] + tokens[i - 1].Length, type));
            (first, type) = prefix == 'O' ? (-1, "") : (i, tagType);
        }
        return spans;
    }
}

using System.Text.Json;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Transcripts;

/// <summary>
/// Error rates from two files: either plain text, one utterance a line (line n of one beside line n of the other), or
/// JSONL lines {"item", "text"} joined by item. The format is told by the first non-blank line.
/// </summary>
public static class TranscriptFiles
{
    public static async Task<ErrorRateReport> ComputeAsync(string truthPath, string hypothesisPath, ErrorUnit unit,
        CancellationToken cancellationToken = default)
    {
        var truthJson = await IsJsonLinesAsync(truthPath, "truth", cancellationToken);
        var hypothesisJson = await IsJsonLinesAsync(hypothesisPath, "pred", cancellationToken);
        if (truthJson != hypothesisJson)
            throw new BadInputException($"one file is JSONL and the other plain text ({truthPath}: {Kind(truthJson)}, {hypothesisPath}: {Kind(hypothesisJson)})",
                hypothesisPath, field: "pred");
        var cases = truthJson
            ? await JoinedAsync(truthPath, hypothesisPath, cancellationToken)
            : await LinesAsync(truthPath, hypothesisPath, cancellationToken);
        return ErrorRates.Compute(cases, unit);
    }

    private static string Kind(bool json) => json ? "JSONL" : "plain text";

    private static async Task<bool> IsJsonLinesAsync(string path, string field, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new BadInputException($"file not found: {path}", path, field: field);
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
            if (!string.IsNullOrWhiteSpace(line)) return line.TrimStart().StartsWith('{');
        return false;
    }

    private static async Task<List<TranscriptCase>> LinesAsync(string truthPath, string hypothesisPath, CancellationToken cancellationToken)
    {
        var cases = new List<TranscriptCase>();
        using var truth = new StreamReader(truthPath);
        using var hypothesis = new StreamReader(hypothesisPath);
        var line = 0L;
        while (true)
        {
            var reference = await truth.ReadLineAsync(cancellationToken);
            var guess = await hypothesis.ReadLineAsync(cancellationToken);
            if (reference is null && guess is null) break;
            line++;
            if (reference is null || guess is null)
                throw new BadInputException($"{(reference is null ? truthPath : hypothesisPath)} ends at line {line - 1} but the other file goes on: one utterance a line in both",
                    reference is null ? truthPath : hypothesisPath, line);
            cases.Add(new TranscriptCase(line.ToString(System.Globalization.CultureInfo.InvariantCulture), reference, guess));
        }
        return cases;
    }

    private static async Task<List<TranscriptCase>> JoinedAsync(string truthPath, string hypothesisPath, CancellationToken cancellationToken)
    {
        var hypotheses = new Dictionary<string, (string Text, long Line)>(StringComparer.Ordinal);
        await foreach (var (item, text, line) in ReadAsync(hypothesisPath, cancellationToken))
            if (!hypotheses.TryAdd(item, (text, line)))
                throw new BadInputException($"item '{item}' appears twice (first on line {hypotheses[item].Line})", hypothesisPath, line, field: "item");
        var cases = new List<TranscriptCase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (item, text, line) in ReadAsync(truthPath, cancellationToken))
        {
            if (!seen.Add(item)) throw new BadInputException($"item '{item}' appears twice", truthPath, line, field: "item");
            if (!hypotheses.Remove(item, out var guess))
                throw new BadInputException($"item '{item}' has no hypothesis in {hypothesisPath} (an empty \"text\" is an empty hypothesis)", truthPath, line, field: "item");
            cases.Add(new TranscriptCase(item, text, guess.Text));
        }
        if (hypotheses.Count > 0)
        {
            var first = hypotheses.MinBy(h => h.Value.Line);
            throw new BadInputException($"{hypotheses.Count:N0} hypotheses have no reference transcript, first item '{first.Key}'", hypothesisPath, first.Value.Line, field: "item");
        }
        return cases;
    }

    private static async IAsyncEnumerable<(string Item, string Text, long Line)> ReadAsync(string path,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var line = 0L;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException e)
            {
                throw new BadInputException($"not valid JSON ({e.Message})", path, line);
            }
            using var parsed = document;
            var json = document.RootElement;
            if (json.ValueKind != JsonValueKind.Object) throw new BadInputException("each line must be a JSON object {\"item\", \"text\"}", path, line);
            var item = json.TryGetProperty("item", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? (id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText())
                : throw new BadInputException("missing \"item\" (a string or a number)", path, line, field: "item");
            var transcript = json.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new BadInputException("missing \"text\" (the transcript, a string)", path, line, field: "text");
            yield return (item, transcript, line);
        }
    }
}

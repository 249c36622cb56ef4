using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Spans;

/// <summary>
/// conlleval (the CoNLL shared tasks' scorer) on its input: one token a line, its last two fields the gold and the
/// predicted tag, a blank line (or a first field of "-X-") between sentences. Chunks start and end by conlleval's
/// rules; a chunk counts as correct only when both its boundaries and its type match. For IOBES the rules are
/// completed for S- (a one-token chunk) and for B- right after E-, which conlleval itself leaves out.
/// </summary>
public static class ConllEval
{
    public static SpanReport Evaluate(TextReader reader, ConllScheme scheme = ConllScheme.Iob2, string? file = null)
    {
        var state = new ConllState(scheme, file);
        while (reader.ReadLine() is { } line) state.Add(line);
        return state.Finish();
    }

    public static async Task<SpanReport> EvaluateAsync(TextReader reader, ConllScheme scheme, string? file, CancellationToken cancellationToken)
    {
        var state = new ConllState(scheme, file);
        while (await reader.ReadLineAsync(cancellationToken) is { } line) state.Add(line);
        return state.Finish();
    }

    /// <summary>conlleval's counters as it reads line after line.</summary>
    private sealed class ConllState(ConllScheme scheme, string? file)
    {
        private const string Boundary = "-X-";
        private readonly SpanCounts overall = new();
        private readonly Dictionary<string, SpanCounts> types = new(StringComparer.Ordinal);
        private long line, tokens, rightTokens;
        private int fields = -1;
        private bool inCorrect;
        private string lastCorrect = "O", lastGuessed = "O", lastCorrectType = "", lastGuessedType = "";

        public void Add(string text)
        {
            line++;
            var features = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (features.Length > 0)
            {
                if (fields < 0) fields = features.Length;
                else if (fields != features.Length)
                    throw new BadInputException($"expected {fields} fields like the first line, found {features.Length}", file, line);
            }
            var boundary = features.Length == 0 || features[0] == Boundary;
            if (!boundary && features.Length < 2)
                throw new BadInputException("expected a token, its gold tag and its predicted tag", file, line);
            var (correct, correctType) = boundary ? ("O", "") : Split(features[^2], "gold tag");
            var (guessed, guessedType) = boundary ? ("O", "") : Split(features[^1], "predicted tag");

            if (inCorrect)
            {
                var correctEnds = EndOfChunk(lastCorrect, correct, lastCorrectType, correctType);
                var guessedEnds = EndOfChunk(lastGuessed, guessed, lastGuessedType, guessedType);
                if (correctEnds && guessedEnds && lastGuessedType == lastCorrectType)
                {
                    inCorrect = false;
                    Count(lastCorrectType).Correct++;
                    overall.Correct++;
                }
                else if (correctEnds != guessedEnds || guessedType != correctType) inCorrect = false;
            }
            var correctStarts = StartOfChunk(lastCorrect, correct, lastCorrectType, correctType);
            var guessedStarts = StartOfChunk(lastGuessed, guessed, lastGuessedType, guessedType);
            if (correctStarts && guessedStarts && guessedType == correctType) inCorrect = true;
            if (correctStarts)
            {
                overall.Phrases++;
                Count(correctType).Phrases++;
            }
            if (guessedStarts)
            {
                overall.Found++;
                Count(guessedType).Found++;
            }
            if (!boundary)
            {
                if (correct == guessed && correctType == guessedType) rightTokens++;
                tokens++;
            }
            (lastCorrect, lastGuessed, lastCorrectType, lastGuessedType) = (correct, guessed, correctType, guessedType);
        }

        public SpanReport Finish()
        {
            if (inCorrect)
            {
                Count(lastCorrectType).Correct++;
                overall.Correct++;
            }
            return SpanReport.From(overall, types.Select(t => (t.Key, t.Value)), tokens, rightTokens);
        }

        private SpanCounts Count(string type) => types.TryGetValue(type, out var counts) ? counts : types[type] = new SpanCounts();

        /// <summary>"B-PER" → ("B", "PER"); conlleval splits at the first hyphen. The prefix must belong to the scheme.</summary>
        private (string Tag, string Type) Split(string tag, string field)
        {
            var hyphen = tag.IndexOf('-');
            var (prefix, type) = hyphen < 0 ? (tag, "") : (tag[..hyphen], tag[(hyphen + 1)..]);
            var allowed = scheme == ConllScheme.Iobes ? prefix is "B" or "I" or "E" or "S" or "O" : prefix is "B" or "I" or "O";
            if (!allowed)
                throw new BadInputException(
                    $"tag '{tag}' is not {scheme.ToString().ToUpperInvariant()} (allowed: {(scheme == ConllScheme.Iobes ? "B-, I-, E-, S-" : "B-, I-")} and O)",
                    file, line, field: field);
            return (prefix, type);
        }

        private static bool EndOfChunk(string previous, string tag, string previousType, string type) =>
            (previous, tag) is ("B", "B") or ("B", "O") or ("I", "B") or ("I", "O") or ("E", "E") or ("E", "I") or ("E", "O")
            || previous is "E" or "S"
            || (previous is "B" or "I" && tag == "S")
            || (previous != "O" && previous != "." && previousType != type)
            || previous is "[" or "]";

        private static bool StartOfChunk(string previous, string tag, string previousType, string type) =>
            (previous, tag) is ("B", "B") or ("I", "B") or ("O", "B") or ("O", "I") or ("E", "E") or ("E", "I") or ("O", "E")
            || tag is "S"
            || (tag == "B" && previous is "E" or "S")
            || (tag is "I" or "E" && previous is "S")
            || (tag != "O" && tag != "." && previousType != type)
            || tag is "[" or "]";
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Trainers.Ner;

/// <summary>
/// "ner": a named-entity tagger learned from the spans annotated on the training texts. Each text becomes a
/// sequence of tokens (words; single characters for Chinese) tagged B-/I-/O per entity type; an averaged structured
/// perceptron learns feature and transition weights, and Viterbi decoding under BIO's rules finds the spans of new
/// texts. Overlapping spans cannot both be BIO tags: the earlier (then the longer) one is kept.
/// </summary>
public sealed class NerTrainer : ITrainer
{
    public const string TrainerName = "ner";

    public string Name => TrainerName;

    public string Task => TrainerTasks.Ner;

    public string Description =>
        "Finds named entities (labelled text spans): an averaged structured perceptron over word/character, shape, affix and " +
        "context features with BIO tags and Viterbi decoding; words for spaced languages, characters for Chinese.";

    public IReadOnlyList<TrainerParameter> Parameters => NerSettings.Declared;

    public Task<ITrainedModel> TrainAsync(TrainingSet data, ParameterValues parameters, TrainingContext context, CancellationToken cancellationToken)
    {
        var settings = NerSettings.From(parameters);
        return System.Threading.Tasks.Task.Run<ITrainedModel>(() => Train(data, settings, context, cancellationToken), cancellationToken);
    }

    public async Task<ITrainedModel> LoadAsync(Stream artifact, TrainingContext context, CancellationToken cancellationToken) =>
        await NerModelFile.ReadAsync(artifact, context.Version, cancellationToken);

    private static NerModel Train(TrainingSet data, NerSettings settings, TrainingContext context, CancellationToken cancellationToken)
    {
        var types = EntityTypes(data);
        var typeIndex = types.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var tags = new BioTags(types.Count);
        var features = new TokenFeatures(settings.Window, settings.AffixLength);

        // Every text's tokens and true tags; then its features as numbers. Feature names are made again per pass
        // rather than kept, so memory holds numbers, not millions of strings.
        var texts = new List<(string Text, List<TextToken> Tokens, int[] Tags)>(data.Examples.Count);
        for (var e = 0; e < data.Examples.Count; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var example = data.Examples[e];
            var text = TextOf(example, e, data.DataField);
            var tokens = TextTokenizer.Tokenize(text, settings.Tokenization);
            if (tokens.Count == 0) continue;
            texts.Add((text, tokens, BioTags.Encode(tokens.Count, TokenSpans(example, e, text, tokens, typeIndex))));
        }
        Dictionary<string, int>? counts = null;
        if (settings.MinFeatureCount > 1)
        {
            counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (text, tokens, _) in texts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var names in features.Extract(text, tokens))
                    foreach (var name in names)
                        counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }
        var featureIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var numbered = new List<(int[][] Features, int[] Tags)>(texts.Count);
        foreach (var (text, tokens, truth) in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ids = features.Extract(text, tokens).Select(names => names
                .Where(name => counts is null || counts[name] >= settings.MinFeatureCount)
                .Select(name => featureIds.TryGetValue(name, out var id) ? id : featureIds[name] = featureIds.Count)
                .ToArray()).ToArray();
            numbered.Add((ids, truth));
        }
        texts.Clear();
        counts = null;

        var ownWord = new bool[featureIds.Count];
        foreach (var (name, id) in featureIds) ownWord[id] = TokenFeatures.IsOwnWord(name);

        var perceptron = new AveragedPerceptron(featureIds.Count, tags.Count);
        var random = new Random(context.Seed);
        var order = Enumerable.Range(0, numbered.Count).ToArray();
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            var wrong = 0;
            foreach (var index in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var seen = Dropout(numbered[index].Features, ownWord, settings.WordDropout, random);
                if (perceptron.Learn(seen, numbered[index].Tags)) wrong++;
            }
            context.Progress?.Report(new TrainingProgress(
                (epoch + 1.0) / settings.Epochs, $"epoch {epoch + 1}/{settings.Epochs}: {wrong} of {numbered.Count} texts tagged wrong"));
        }
        var (emission, transition) = perceptron.Weights(settings.Averaged);
        var (keptNames, keptEmission) = WithoutZeroFeatures(featureIds, emission, tags.Count);
        return new NerModel(context.Version, types, data.DataField, data.Target, settings, keptNames, keptEmission, transition);
    }

    /// <summary>The sequence with some tokens' own-word features hidden (each token with the given chance), as if the word were new.</summary>
    private static int[][] Dropout(int[][] features, bool[] ownWord, double chance, Random random)
    {
        if (chance <= 0) return features;
        var result = new int[features.Length][];
        for (var i = 0; i < features.Length; i++)
            result[i] = random.NextDouble() < chance ? [.. features[i].Where(f => !ownWord[f])] : features[i];
        return result;
    }

    /// <summary>The types spans carry, in the training set's class order, then any others alphabetically; at least one is needed.</summary>
    private static List<string> EntityTypes(TrainingSet data)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var example in data.Examples)
            foreach (var span in example.Spans ?? [])
                used.Add(span.Label);
        if (used.Count == 0)
            throw new BadInputException("no training example has a labelled span; the ner trainer learns from annotated entities", field: "spans");
        // A type without spans has no evidence and could win only by accident, so only types that occur are tags.
        var types = data.Classes.Where(used.Contains).Distinct(StringComparer.Ordinal).ToList();
        types.AddRange(used.Except(types, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return types;
    }

    private static string TextOf(TrainingExample example, int index, string field) => example.Data[field] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new BadInputException($"training example '{example.Id}' has no '{field}' text", path: $"examples[{index}].data.{field}", field: field),
    };

    /// <summary>
    /// Each span as the tokens it touches. A span whose edge falls inside a token takes the whole token; a span
    /// overlapping one already taken is left out (BIO cannot nest), earlier and longer spans first.
    /// </summary>
    private static List<TokenSpan> TokenSpans(
        TrainingExample example, int index, string text, List<TextToken> tokens, Dictionary<string, int> typeIndex)
    {
        var spans = example.Spans ?? [];
        for (var s = 0; s < spans.Count; s++)
        {
            var span = spans[s];
            var path = $"examples[{index}].spans[{s}]";
            if (span.Start < 0 || span.Start > text.Length)
                throw new BadInputException($"training example '{example.Id}': span start {span.Start} is outside its text (0..{text.Length})", path: path, field: "start");
            if (span.End <= span.Start || span.End > text.Length)
                throw new BadInputException($"training example '{example.Id}': span end {span.End} must be after start {span.Start} and at most {text.Length}", path: path, field: "end");
        }
        var result = new List<TokenSpan>();
        var taken = -1;
        foreach (var span in spans.OrderBy(s => s.Start).ThenByDescending(s => s.End))
        {
            var first = tokens.FindIndex(t => t.End > span.Start);
            if (first < 0 || tokens[first].Start >= span.End || first <= taken) continue;
            var end = first;
            while (end < tokens.Count && tokens[end].Start < span.End) end++;
            result.Add(new TokenSpan(first, end, typeIndex[span.Label]));
            taken = end - 1;
        }
        return result;
    }

    /// <summary>Drops features whose weights all ended at zero: they change no answer and only make the file bigger.</summary>
    private static (List<string> Names, float[] Emission) WithoutZeroFeatures(Dictionary<string, int> featureIds, float[] emission, int tagCount)
    {
        var names = new List<string>();
        var kept = new List<float>();
        foreach (var (name, id) in featureIds)
        {
            var row = emission.AsSpan(id * tagCount, tagCount);
            if (!row.ContainsAnyExcept(0f)) continue;
            names.Add(name);
            foreach (var weight in row) kept.Add(weight);
        }
        return (names, [.. kept]);
    }
}

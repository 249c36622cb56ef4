using System.Runtime.CompilerServices;
using Laoshi.Core.Errors;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// Classification metrics straight from two JSONL files: truth lines {"item", "label"} (a string, or a list for
/// multi-label) and prediction lines {"item", "label", "scores"?: {class: probability}}. Both files are parsed at once,
/// on two threads, and joined by item: files in the same item order need no memory per line; items out of order wait
/// in memory until their partner arrives. Every truth item needs a prediction ("label": null when the model abstained)
/// and every prediction a truth. Files in the same order are first read by <see cref="AlignedClassificationFiles"/>
/// (chunks of both files parsed and counted on every core); anything it does not take is read here.
/// </summary>
public static class ClassificationFiles
{
    /// <summary>At most this many unmatched items are named in the error.</summary>
    private const int NamedUnmatched = 5;

    public static async Task<ClassificationReport> ComputeAsync(string truthPath, string predictionsPath, ClassificationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        foreach (var (path, field) in new[] { (truthPath, "truth"), (predictionsPath, "pred") })
            if (!File.Exists(path)) throw new BadInputException($"file not found: {path}", path, field: field);
        var accumulator = new ClassificationAccumulator(options);
        if (await AlignedClassificationFiles.TryAccumulateAsync(truthPath, predictionsPath, options, cancellationToken) is { } aligned)
        {
            accumulator.Merge(aligned);
            return accumulator.Build();
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var truth = new Cursor(new CaseFileReader(truthPath, truthPath, scoresAllowed: false), accumulator);
        var predictions = new Cursor(new CaseFileReader(predictionsPath, predictionsPath, scoresAllowed: true), accumulator);
        var readers = new[] { truth.Start(stop.Token), predictions.Start(stop.Token) };
        try
        {
            Join(truth, predictions, accumulator, truthPath, predictionsPath, stop.Token);
        }
        finally
        {
            // On an error the readers stop too; their own errors (if any) are the ones already thrown.
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(readers);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return accumulator.Build();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Join(Cursor truth, Cursor predictions, ClassificationAccumulator accumulator, string truthPath, string predictionsPath,
        CancellationToken cancellationToken)
    {
        var waitingTruth = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var waitingPredictions = new Dictionary<string, Pending>(StringComparer.Ordinal);
        bool hasTruth = truth.Move(cancellationToken), hasPrediction = predictions.Move(cancellationToken);
        while (hasTruth || hasPrediction)
        {
            if (hasTruth && hasPrediction && truth.Item.SequenceEqual(predictions.Item))
            {
                accumulator.Add(truth.Item, truth.Labels, predictions.Labels, predictions.ScoreIds, predictions.Scores);
                hasTruth = truth.Move(cancellationToken);
                hasPrediction = predictions.Move(cancellationToken);
                continue;
            }
            if (hasTruth)
            {
                var item = truth.Item.ToString();
                if (waitingPredictions.Remove(item, out var prediction))
                    accumulator.Add(item, truth.Labels, prediction.Labels, prediction.ScoreIds, prediction.Scores);
                else if (!waitingTruth.TryAdd(item, truth.Keep()))
                    throw new BadInputException($"item '{item}' appears twice (first on line {waitingTruth[item].Line})", truthPath, truth.Line, field: "item");
                hasTruth = truth.Move(cancellationToken);
            }
            if (hasPrediction)
            {
                var item = predictions.Item.ToString();
                if (waitingTruth.Remove(item, out var truthCase))
                    accumulator.Add(item, truthCase.Labels, predictions.Labels, predictions.ScoreIds, predictions.Scores);
                else if (!waitingPredictions.TryAdd(item, predictions.Keep()))
                    throw new BadInputException($"item '{item}' appears twice (first on line {waitingPredictions[item].Line})", predictionsPath, predictions.Line, field: "item");
                hasPrediction = predictions.Move(cancellationToken);
            }
        }
        if (waitingTruth.Count > 0)
            throw new BadInputException(Unmatched(waitingTruth, "has no prediction (write \"label\": null for an item the model did not answer)"),
                predictionsPath, field: "item");
        if (waitingPredictions.Count > 0)
            throw new BadInputException(Unmatched(waitingPredictions, "has no truth"), truthPath, field: "item");
    }

    private static string Unmatched(Dictionary<string, Pending> waiting, string what)
    {
        var named = waiting.OrderBy(w => w.Value.Line).Take(NamedUnmatched).Select(w => $"'{w.Key}' (line {w.Value.Line})");
        return $"{waiting.Count:N0} item{(waiting.Count == 1 ? "" : "s")} {what}: {string.Join(", ", named)}{(waiting.Count > NamedUnmatched ? ", ..." : "")}";
    }

    /// <summary>A line kept until its partner arrives, with label ids already global.</summary>
    private sealed record Pending(long Line, int[] Labels, int[] ScoreIds, double[] Scores);

    /// <summary>One file's current line, its label ids translated to the accumulator's.</summary>
    private sealed class Cursor(CaseFileReader reader, ClassificationAccumulator accumulator)
    {
        private readonly List<int> map = [];
        private CaseBatch? batch;
        private int index = -1;
        private int[] labels = new int[8];
        private int[] scoreIds = new int[8];
        private int labelCount, scoreCount;

        public Task Start(CancellationToken cancellationToken) => Task.Run(() => reader.RunAsync(cancellationToken), cancellationToken);

        public ReadOnlySpan<char> Item => batch!.Item(index);

        public long Line => batch!.Line[index];

        public ReadOnlySpan<int> Labels => labels.AsSpan(0, labelCount);

        public ReadOnlySpan<int> ScoreIds => scoreIds.AsSpan(0, scoreCount);

        public ReadOnlySpan<double> Scores => batch!.ScoresOf(index);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Move(CancellationToken cancellationToken)
        {
            index++;
            while (batch is null || index >= batch.Count)
            {
                if (batch is not null) reader.Recycle(batch);
                batch = null;
                index = 0;
                // The consumer is the only thread that waits here; blocking keeps the hot loop free of async state machines.
                var reading = reader.Filled.Reader.WaitToReadAsync(cancellationToken);
                var more = reading.IsCompletedSuccessfully ? reading.Result : reading.AsTask().GetAwaiter().GetResult();
                if (!more)
                {
                    // Completion with an error rethrows the reader's error (a bad line) here.
                    reader.Filled.Reader.Completion.GetAwaiter().GetResult();
                    return false;
                }
                if (!reader.Filled.Reader.TryRead(out batch)) continue;
                foreach (var name in batch.NewLabels) map.Add(accumulator.Id(name));
            }
            Translate(batch.LabelsOf(index), ref labels, out labelCount);
            Translate(batch.ScoreIdsOf(index), ref scoreIds, out scoreCount);
            return true;
        }

        public Pending Keep() => new(Line, Labels.ToArray(), ScoreIds.ToArray(), Scores.ToArray());

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Translate(ReadOnlySpan<int> local, ref int[] global, out int count)
        {
            if (global.Length < local.Length) global = new int[local.Length * 2];
            for (var k = 0; k < local.Length; k++) global[k] = map[local[k]];
            count = local.Length;
        }
    }
}

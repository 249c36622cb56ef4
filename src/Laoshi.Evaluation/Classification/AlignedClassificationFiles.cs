using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// The fast way through a truth file and a prediction file that list the same items in the same order (what a model
/// run over a test set writes): one thread cuts both files into chunks of the same lines, and a worker per core parses
/// both halves of a chunk, pairs them line by line and counts them in its own accumulator; the accumulators are merged at
/// the end, into the very figures one accumulator would give. Anything else (items out of order or missing, a bad
/// line, a case the options refuse) makes it give up, and <see cref="ClassificationFiles"/> reads the files the general
/// way, which owns every error message.
/// </summary>
internal static class AlignedClassificationFiles
{
    /// <summary>Lines per chunk (at most a batch): about 140 kB of predictions with five scores, so a chunk, its parsed batch and the
    /// accumulator's counts stay in a core's cache together (4,096 lines took 1.9–2.6 CPU-s where this takes 1.4–1.9, at
    /// 3,000,000 rows on a busy machine).</summary>
    private const int ChunkLines = 1024;

    private const int MostWorkers = 4;

    /// <summary>The accumulated cases, or null when the files are not a plain aligned pair (nothing is thrown for that).</summary>
    public static async Task<ClassificationAccumulator?> TryAccumulateAsync(string truthPath, string predictionsPath, ClassificationOptions? options,
        CancellationToken cancellationToken)
    {
        // Each worker holds its own counts (per class, up to one per distinct score), so workers multiply that memory;
        // past four the one cutting thread would hold them back anyway.
        var workers = Math.Clamp(Environment.ProcessorCount, 1, MostWorkers);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var filled = Channel.CreateBounded<ChunkPair>(new BoundedChannelOptions(2 * workers) { SingleWriter = true });
        var free = Channel.CreateUnbounded<ChunkPair>();
        // The cutter and the workers block while they wait (for the disk, for room, for chunks): threads of their own,
        // with no hop through the thread pool for each of the thousands of chunks.
        var cutting = Task.Factory.StartNew(() => Cut(truthPath, predictionsPath, filled.Writer, free.Reader, giveUp.Token),
            giveUp.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var working = Enumerable.Range(0, workers)
            .Select(_ => Task.Factory.StartNew(() => Work(truthPath, predictionsPath, options, filled.Reader, free.Writer, giveUp),
                giveUp.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        ClassificationAccumulator?[] parts;
        try
        {
            await cutting;
            parts = await Task.WhenAll(working);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Given up, or a file could not be read: the general reader meets the same and says so.
            parts = [null];
        }
        finally
        {
            await giveUp.CancelAsync();
            // Let every thread finish before returning (their failures are already answered by giving up).
            try
            {
                await Task.WhenAll([cutting, .. working]);
            }
            catch (Exception) when (giveUp.IsCancellationRequested)
            {
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (parts.Any(part => part is null)) return null;
        var whole = parts[0]!;
        foreach (var part in parts.Skip(1)) whole.Merge(part!);
        return whole;
    }

    private static void Cut(string truthPath, string predictionsPath, ChannelWriter<ChunkPair> filled, ChannelReader<ChunkPair> free,
        CancellationToken cancellationToken)
    {
        try
        {
            using var truthStream = Open(truthPath);
            using var predictionStream = Open(predictionsPath);
            var truth = new LineChunker(truthStream);
            var predictions = new LineChunker(predictionStream);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pair = free.TryRead(out var reused) ? reused : new ChunkPair();
                var hasTruth = truth.Take(ChunkLines, pair.Truth);
                var hasPredictions = predictions.Take(ChunkLines, pair.Predictions);
                if (!hasTruth && !hasPredictions) break;
                if (!filled.TryWrite(pair)) filled.WriteAsync(pair, cancellationToken).AsTask().GetAwaiter().GetResult();
            }
            filled.Complete();
        }
        catch (Exception e)
        {
            filled.TryComplete(e);
            throw;
        }
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    /// <summary>One worker: its own parsers (label ids local to them) and its own accumulator; null when it gave up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ClassificationAccumulator? Work(string truthPath, string predictionsPath, ClassificationOptions? options,
        ChannelReader<ChunkPair> filled, ChannelWriter<ChunkPair> free, CancellationTokenSource giveUp)
    {
        var accumulator = new ClassificationAccumulator(options);
        var truthParser = new CaseFileReader(truthPath, truthPath, scoresAllowed: false);
        var predictionParser = new CaseFileReader(predictionsPath, predictionsPath, scoresAllowed: true);
        var truthBatch = new CaseBatch();
        var predictionBatch = new CaseBatch();
        var truthIds = new LabelMap(accumulator);
        var predictionIds = new LabelMap(accumulator);
        Span<int> truthLabels = stackalloc int[16], predictedLabels = stackalloc int[16], scoreIds = stackalloc int[FastCaseLine.MaxScores];
        var cancellationToken = giveUp.Token;
        try
        {
            while (true)
            {
                // Blocking here keeps the loop free of async state; the worker owns its thread while there is work.
                var waiting = filled.WaitToReadAsync(cancellationToken);
                if (!(waiting.IsCompletedSuccessfully ? waiting.Result : waiting.AsTask().GetAwaiter().GetResult())) break;
                if (!filled.TryRead(out var pair)) continue;
                truthBatch.Clear();
                predictionBatch.Clear();
                truthParser.ParseLines(pair.Truth.Text, pair.Truth.FirstLine, truthBatch);
                predictionParser.ParseLines(pair.Predictions.Text, pair.Predictions.FirstLine, predictionBatch);
                free.TryWrite(pair);
                truthIds.Learn(truthBatch.NewLabels);
                predictionIds.Learn(predictionBatch.NewLabels);
                if (truthBatch.Count != predictionBatch.Count) return GiveUp(giveUp);
                for (var i = 0; i < truthBatch.Count; i++)
                {
                    var item = truthBatch.Item(i);
                    if (!item.SequenceEqual(predictionBatch.Item(i))) return GiveUp(giveUp);
                    var scores = predictionBatch.ScoresOf(i);
                    accumulator.Add(item,
                        truthIds.Translate(truthBatch.LabelsOf(i), ref truthLabels),
                        predictionIds.Translate(predictionBatch.LabelsOf(i), ref predictedLabels),
                        predictionIds.Translate(predictionBatch.ScoreIdsOf(i), ref scoreIds),
                        scores);
                }
            }
            return accumulator;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bad line or a refused case: the general reader will say so, in the order it meets them.
            return GiveUp(giveUp);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static ClassificationAccumulator? GiveUp(CancellationTokenSource giveUp)
    {
        giveUp.Cancel();
        return null;
    }

    /// <summary>The same chunk of lines from both files.</summary>
    private sealed class ChunkPair
    {
        public readonly LineChunk Truth = new();
        public readonly LineChunk Predictions = new();
    }

    /// <summary>One parser's label ids to the worker accumulator's.</summary>
    private sealed class LabelMap(ClassificationAccumulator accumulator)
    {
        private readonly List<int> ids = [];

        public void Learn(List<string> newLabels)
        {
            foreach (var name in newLabels) ids.Add(accumulator.Id(name));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReadOnlySpan<int> Translate(ReadOnlySpan<int> local, ref Span<int> scratch)
        {
            if (local.Length > scratch.Length) scratch = new int[local.Length * 2];
            for (var k = 0; k < local.Length; k++) scratch[k] = ids[local[k]];
            return scratch[..local.Length];
        }
    }
}

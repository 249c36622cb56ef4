using System.Numerics;
using System.Runtime.InteropServices;

namespace Laoshi.Quality;

/// <summary>
/// Dawid &amp; Skene (1979): EM over a confusion matrix per annotator and class priors, started from the majority vote's
/// label shares. The result is each item's most probable label (ties to the earlier label) and its posterior probability.
/// Deterministic: work is split into a fixed number of chunks whose partial sums are added in a fixed order, so the
/// figures do not depend on the number of cores.
/// </summary>
public static class DawidSkene
{
    private const int Chunks = 8;

    public static ConsensusResult Compute(RatingTable table, DawidSkeneOptions? options = null)
    {
        options ??= new DawidSkeneOptions();
        var k = table.LabelCount;
        var n = table.ItemCount;
        var cells = table.AnnotatorCount * k * k;
        var posterior = new double[n * k];
        var logConfusion = new double[cells];
        var logPrior = new double[k];
        var partial = new double[Chunks][];
        var partialPrior = new double[Chunks][];
        for (var c = 0; c < Chunks; c++)
        {
            partial[c] = new double[cells];
            partialPrior[c] = new double[k];
        }
        // Start: each item's label shares, counted into the chunks' sums as the fused loop below does.
        Parallel.For(0, Chunks, chunk => Initialise(table, posterior, partial[chunk], partialPrior[chunk], chunk));
        Maximise(table, partial, partialPrior, logConfusion, logPrior, options.Smoothing);

        var logLikelihood = new double[Chunks];
        var previous = double.NegativeInfinity;
        var iterations = 0;
        var converged = false;
        while (iterations < options.MaxIterations && !converged)
        {
            iterations++;
            // One pass over the ratings does the E-step and gathers the next M-step's sums.
            Parallel.For(0, Chunks, chunk => logLikelihood[chunk] = Step(table, posterior, logConfusion, logPrior, partial[chunk], partialPrior[chunk], chunk));
            Maximise(table, partial, partialPrior, logConfusion, logPrior, options.Smoothing);
            var current = 0.0;
            foreach (var part in logLikelihood) current += part;
            converged = Math.Abs(current - previous) <= options.Tolerance * Math.Abs(current);
            previous = current;
        }

        var labels = new int[n];
        var confidence = new double[n];
        for (var item = 0; item < n; item++)
        {
            var row = posterior.AsSpan(item * k, k);
            var best = 0;
            for (var c = 1; c < k; c++) if (row[c] > row[best]) best = c;
            labels[item] = best;
            confidence[item] = row[best];
        }
        var confusion = new double[cells];
        for (var i = 0; i < cells; i++) confusion[i] = Math.Exp(logConfusion[i]);
        return new ConsensusResult(table, labels, confidence, iterations, converged) { Confusion = confusion, Posterior = posterior };
    }

    private static (int Start, int End) ChunkRange(int count, int chunk) =>
        ((int)((long)count * chunk / Chunks), (int)((long)count * (chunk + 1) / Chunks));

    private static void Initialise(RatingTable table, double[] posterior, double[] counts, double[] prior, int chunk)
    {
        var k = table.LabelCount;
        var starts = table.ItemStarts;
        var annotators = table.RatingAnnotators;
        var labels = table.RatingLabels;
        var (start, end) = ChunkRange(table.ItemCount, chunk);
        for (var item = start; item < end; item++)
        {
            var share = 1.0 / (starts[item + 1] - starts[item]);
            for (var r = starts[item]; r < starts[item + 1]; r++) posterior[item * k + labels[r]] += share;
            Accumulate(posterior.AsSpan(item * k, k), counts, prior, annotators, labels, starts[item], starts[item + 1], k);
        }
    }

    /// <summary>Adds an item's posterior to its annotators' confusion counts (at the row of the label each gave) and to the priors.</summary>
    private static void Accumulate(ReadOnlySpan<double> row, double[] counts, double[] prior, ReadOnlySpan<int> annotators,
        ReadOnlySpan<int> labels, int start, int end, int k)
    {
        Add(prior, row);
        for (var r = start; r < end; r++) Add(counts.AsSpan((annotators[r] * k + labels[r]) * k, k), row);
    }

    /// <summary>New posteriors for one chunk of items, summed into the chunk's counts; returns the chunk's log-likelihood.</summary>
    private static double Step(RatingTable table, double[] posterior, double[] logConfusion, double[] logPrior,
        double[] counts, double[] prior, int chunk)
    {
        Array.Clear(counts);
        Array.Clear(prior);
        var k = table.LabelCount;
        var starts = table.ItemStarts;
        var annotators = table.RatingAnnotators;
        var labels = table.RatingLabels;
        Span<double> score = k <= 128 ? stackalloc double[k] : new double[k];
        var logLikelihood = 0.0;
        var (start, end) = ChunkRange(table.ItemCount, chunk);
        for (var item = start; item < end; item++)
        {
            logPrior.CopyTo(score);
            for (var r = starts[item]; r < starts[item + 1]; r++) Add(score, logConfusion.AsSpan((annotators[r] * k + labels[r]) * k, k));
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++) if (score[c] > max) max = score[c];
            double sum = 0;
            for (var c = 0; c < k; c++) sum += score[c] = Math.Exp(score[c] - max);
            logLikelihood += max + Math.Log(sum);
            var row = posterior.AsSpan(item * k, k);
            var scale = 1 / sum;
            for (var c = 0; c < k; c++) row[c] = score[c] * scale;
            Accumulate(row, counts, prior, annotators, labels, starts[item], starts[item + 1], k);
        }
        return logLikelihood;
    }

    /// <summary>Sums the chunks in chunk order (the same figures on any machine) and turns them into log probabilities.</summary>
    private static void Maximise(RatingTable table, double[][] partial, double[][] partialPrior, double[] logConfusion, double[] logPrior,
        double smoothing)
    {
        var k = table.LabelCount;
        var total = partial[0];
        var totalPrior = partialPrior[0];
        for (var chunk = 1; chunk < Chunks; chunk++)
        {
            Add(total, partial[chunk]);
            Add(totalPrior, partialPrior[chunk]);
        }
        var priorSum = totalPrior.Sum() + k * smoothing;
        for (var c = 0; c < k; c++) logPrior[c] = Math.Log((totalPrior[c] + smoothing) / priorSum);
        var denominator = new double[k];
        for (var a = 0; a < table.AnnotatorCount; a++)
        {
            Array.Clear(denominator);
            var block = a * k * k;
            for (var l = 0; l < k; l++) Add(denominator, total.AsSpan(block + l * k, k));
            for (var c = 0; c < k; c++) denominator[c] = Math.Log(denominator[c] + k * smoothing);
            for (var l = 0; l < k; l++)
            for (var c = 0; c < k; c++) logConfusion[block + l * k + c] = Math.Log(total[block + l * k + c] + smoothing) - denominator[c];
        }
    }

    /// <summary>target[i] += source[i], vectorised: the inner loop of both steps.</summary>
    private static void Add(Span<double> target, ReadOnlySpan<double> source)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var targets = MemoryMarshal.Cast<double, Vector<double>>(target);
            var sources = MemoryMarshal.Cast<double, Vector<double>>(source);
            for (var v = 0; v < targets.Length; v++) targets[v] += sources[v];
            i = targets.Length * Vector<double>.Count;
        }
        for (; i < target.Length; i++) target[i] += source[i];
    }
}

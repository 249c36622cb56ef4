namespace Laoshi.Quality;

/// <summary>
/// Dawid &amp; Skene (1979): EM over a confusion matrix per annotator and class priors, started from the majority vote's
/// label shares. The result is each item's most probable label (ties to the earlier label) and its posterior probability.
/// Deterministic: work is split into a fixed number of chunks whose partial sums are added in a fixed order, so the
/// figures do not depend on the number of cores.
/// </summary>
public static class DawidSkene
{
    private const int Chunks = 16;

    public static ConsensusResult Compute(RatingTable table, DawidSkeneOptions? options = null)
    {
        options ??= new DawidSkeneOptions();
        var k = table.LabelCount;
        var n = table.ItemCount;
        var cells = table.AnnotatorCount * k * k;
        var posterior = new double[n * k];
        Initialise(table, posterior);

        var logConfusion = new double[cells];
        var logPrior = new double[k];
        var partial = new double[Chunks][];
        var partialPrior = new double[Chunks][];
        for (var c = 0; c < Chunks; c++)
        {
            partial[c] = new double[cells];
            partialPrior[c] = new double[k];
        }
        var change = new double[Chunks];
        var iterations = 0;
        var converged = false;
        while (iterations < options.MaxIterations && !converged)
        {
            iterations++;
            MaximisationStep(table, posterior, partial, partialPrior, logConfusion, logPrior, options.Smoothing);
            Parallel.For(0, Chunks, chunk => change[chunk] = ExpectationStep(table, posterior, logConfusion, logPrior, chunk));
            converged = change.Max() <= options.Tolerance;
        }
        // The confusion matrices that go with the final posteriors.
        MaximisationStep(table, posterior, partial, partialPrior, logConfusion, logPrior, options.Smoothing);

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

    private static void Initialise(RatingTable table, double[] posterior)
    {
        var k = table.LabelCount;
        var starts = table.ItemStarts;
        var labels = table.RatingLabels;
        for (var item = 0; item < table.ItemCount; item++)
        {
            var share = 1.0 / (starts[item + 1] - starts[item]);
            for (var r = starts[item]; r < starts[item + 1]; r++) posterior[item * k + labels[r]] += share;
        }
    }

    private static void MaximisationStep(RatingTable table, double[] posterior, double[][] partial, double[][] partialPrior,
        double[] logConfusion, double[] logPrior, double smoothing)
    {
        var k = table.LabelCount;
        Parallel.For(0, Chunks, chunk =>
        {
            var counts = partial[chunk];
            var prior = partialPrior[chunk];
            Array.Clear(counts);
            Array.Clear(prior);
            var starts = table.ItemStarts;
            var annotators = table.RatingAnnotators;
            var labels = table.RatingLabels;
            var (start, end) = ChunkRange(table.ItemCount, chunk);
            for (var item = start; item < end; item++)
            {
                var row = posterior.AsSpan(item * k, k);
                for (var c = 0; c < k; c++) prior[c] += row[c];
                for (var r = starts[item]; r < starts[item + 1]; r++)
                {
                    var cell = counts.AsSpan((annotators[r] * k + labels[r]) * k, k);
                    for (var c = 0; c < k; c++) cell[c] += row[c];
                }
            }
        });
        // Sum the chunks in chunk order: the same figures on any machine.
        var total = partial[0];
        var totalPrior = partialPrior[0];
        for (var chunk = 1; chunk < Chunks; chunk++)
        {
            var add = partial[chunk];
            for (var i = 0; i < total.Length; i++) total[i] += add[i];
            for (var c = 0; c < k; c++) totalPrior[c] += partialPrior[chunk][c];
        }
        var priorSum = totalPrior.Sum() + k * smoothing;
        for (var c = 0; c < k; c++) logPrior[c] = Math.Log((totalPrior[c] + smoothing) / priorSum);
        var denominator = new double[k];
        for (var a = 0; a < table.AnnotatorCount; a++)
        {
            Array.Clear(denominator);
            var block = a * k * k;
            for (var l = 0; l < k; l++)
            for (var c = 0; c < k; c++) denominator[c] += total[block + l * k + c];
            for (var c = 0; c < k; c++) denominator[c] = Math.Log(denominator[c] + k * smoothing);
            for (var l = 0; l < k; l++)
            for (var c = 0; c < k; c++) logConfusion[block + l * k + c] = Math.Log(total[block + l * k + c] + smoothing) - denominator[c];
        }
    }

    /// <summary>New posteriors for one chunk of items; returns the largest change.</summary>
    private static double ExpectationStep(RatingTable table, double[] posterior, double[] logConfusion, double[] logPrior, int chunk)
    {
        var k = table.LabelCount;
        var starts = table.ItemStarts;
        var annotators = table.RatingAnnotators;
        var labels = table.RatingLabels;
        Span<double> score = k <= 256 ? stackalloc double[k] : new double[k];
        var change = 0.0;
        var (start, end) = ChunkRange(table.ItemCount, chunk);
        for (var item = start; item < end; item++)
        {
            logPrior.CopyTo(score);
            for (var r = starts[item]; r < starts[item + 1]; r++)
            {
                var cell = logConfusion.AsSpan((annotators[r] * k + labels[r]) * k, k);
                for (var c = 0; c < k; c++) score[c] += cell[c];
            }
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++) if (score[c] > max) max = score[c];
            double sum = 0;
            for (var c = 0; c < k; c++) sum += score[c] = Math.Exp(score[c] - max);
            var row = posterior.AsSpan(item * k, k);
            for (var c = 0; c < k; c++)
            {
                var value = score[c] / sum;
                change = Math.Max(change, Math.Abs(value - row[c]));
                row[c] = value;
            }
        }
        return change;
    }
}

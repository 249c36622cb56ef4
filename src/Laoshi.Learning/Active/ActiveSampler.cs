using Laoshi.Core.Errors;

namespace Laoshi.Learning.Active;

/// <summary>
/// Picks the next items to label from a pool of unlabelled ones. The strategy chooses most of each batch; a random share
/// (seeded) is drawn from what it left and spread through the batch at random positions. The same pool, options and
/// seed always give the same picks.
/// </summary>
public static class ActiveSampler
{
    /// <summary>
    /// The next <paramref name="count"/> items in the order to label them. <paramref name="labelled"/>: embeddings of the
    /// items labelled already, which diversity keeps away from. <paramref name="greedyLimit"/> bounds diversity's k-center
    /// greedy steps (each one measures the whole pool); items past it follow in order of distance to the nearest pick.
    /// </summary>
    public static IReadOnlyList<RankedCandidate> Pick(
        IReadOnlyList<Candidate> pool, int count, SamplingOptions options,
        IReadOnlyList<SparseEmbedding>? labelled = null, int greedyLimit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        options.Checked();
        count = Math.Clamp(count, 0, pool.Count);
        if (count == 0) return [];
        var random = new Random(options.Seed);
        if (options.Strategy == SamplingStrategies.Random)
            return [.. Shuffled(Enumerable.Range(0, pool.Count), random).Take(count)
                .Select((index, rank) => new RankedCandidate(pool[index].Id, (double)(count - rank) / count, Random: true))];

        var randomCount = (int)Math.Round(options.RandomShare * count, MidpointRounding.AwayFromZero);
        var strategic = randomCount == count ? []
            : options.Strategy == SamplingStrategies.Diversity
            ? KCenterGreedy(pool, count - randomCount, labelled ?? [], greedyLimit, random, cancellationToken)
            : MostUncertain(pool, count - randomCount, options.Strategy);
        var taken = strategic.Select(s => s.Index).ToHashSet();
        var randomPicks = Shuffled(Enumerable.Range(0, pool.Count).Where(i => !taken.Contains(i)), random).Take(randomCount).ToList();
        return Interleave(pool, strategic, randomPicks, random);
    }

    private static List<(int Index, double Priority)> MostUncertain(IReadOnlyList<Candidate> pool, int count, string strategy)
    {
        var scored = new List<(int Index, double Priority)>(pool.Count);
        for (var i = 0; i < pool.Count; i++)
        {
            var scores = pool[i].ClassScores
                ?? throw new BadInputException($"item '{pool[i].Id}' has no class probabilities; the {strategy} strategy needs a model that gives them", field: "strategy");
            scored.Add((i, Uncertainty.Score(strategy, scores)));
        }
        // Ties keep the pool's order, so equal scores never depend on the sort's internals.
        return [.. scored.OrderByDescending(s => s.Priority).ThenBy(s => s.Index).Take(count)];
    }

    private static List<(int Index, double Priority)> KCenterGreedy(
        IReadOnlyList<Candidate> pool, int count, IReadOnlyList<SparseEmbedding> labelled, int greedyLimit, Random random, CancellationToken cancellationToken)
    {
        var vectors = pool.Select(c => c.Embedding
            ?? throw new BadInputException($"item '{c.Id}' has no embedding; the diversity strategy needs a model that embeds items", field: "strategy")).ToArray();
        var nearest = new double[vectors.Length];
        Array.Fill(nearest, double.PositiveInfinity);
        foreach (var center in labelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Closer(vectors, nearest, center);
        }

        var picks = new List<(int Index, double Priority)>(count);
        var picked = new bool[vectors.Length];
        var steps = Math.Min(count, Math.Max(1, greedyLimit));
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // With nothing labelled every distance is infinite: the first pick is a seeded random item.
            var best = labelled.Count == 0 && step == 0 ? random.Next(vectors.Length) : Farthest(nearest, picked);
            if (best < 0) break;
            picks.Add((best, Finite(nearest[best])));
            picked[best] = true;
            Closer(vectors, nearest, vectors[best]);
        }
        if (picks.Count < count)
        {
            // Past the greedy limit: the rest by distance to the nearest labelled or picked item, farthest first.
            picks.AddRange(Enumerable.Range(0, vectors.Length).Where(i => !picked[i])
                .OrderByDescending(i => nearest[i]).ThenBy(i => i).Take(count - picks.Count).Select(i => (i, Finite(nearest[i]))));
        }
        return picks;
    }

    private static void Closer(SparseEmbedding[] vectors, double[] nearest, SparseEmbedding center)
    {
        for (var i = 0; i < vectors.Length; i++)
        {
            var distance = vectors[i].SquaredDistance(center);
            if (distance < nearest[i]) nearest[i] = distance;
        }
    }

    private static int Farthest(double[] nearest, bool[] picked)
    {
        var best = -1;
        for (var i = 0; i < nearest.Length; i++)
            if (!picked[i] && (best < 0 || nearest[i] > nearest[best])) best = i;
        return best;
    }

    // Squared distances of unit vectors lie in 0..4; "never measured" is reported as the largest.
    private static double Finite(double distance) => double.IsPositiveInfinity(distance) ? 4 : distance;

    private static List<RankedCandidate> Interleave(
        IReadOnlyList<Candidate> pool, List<(int Index, double Priority)> strategic, List<int> randomPicks, Random random)
    {
        var total = strategic.Count + randomPicks.Count;
        var randomSlots = Shuffled(Enumerable.Range(0, total), random).Take(randomPicks.Count).ToHashSet();
        var result = new List<RankedCandidate>(total);
        int s = 0, r = 0;
        var priority = strategic.Count > 0 ? strategic[0].Priority : 1;
        for (var slot = 0; slot < total; slot++)
        {
            if (randomSlots.Contains(slot))
            {
                // A random pick takes the priority of the strategic pick before it, so priorities still fall along the order.
                result.Add(new RankedCandidate(pool[randomPicks[r++]].Id, priority, Random: true));
            }
            else
            {
                priority = strategic[s].Priority;
                result.Add(new RankedCandidate(pool[strategic[s++].Index].Id, priority, Random: false));
            }
        }
        return result;
    }

    private static List<int> Shuffled(IEnumerable<int> indices, Random random)
    {
        var list = indices.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}

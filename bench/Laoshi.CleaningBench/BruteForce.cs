using System.Globalization;
using Laoshi.Cleaning;

namespace Laoshi.CleaningBench;

internal sealed record RecallCheck(long PairsCompared, long TruePairs, long FoundPairs, long ClusteredPairs)
{
    public double Recall => TruePairs == 0 ? 1 : (double)FoundPairs / TruePairs;
    public double Precision => ClusteredPairs == 0 ? 1 : (double)FoundPairs / ClusteredPairs;
}

/// <summary>
/// The reference: the exact Jaccard similarity of every pair in the sample (skipping only pairs whose set sizes alone
/// rule the threshold out, which changes no answer), against the clusters of the full run restricted to the sample.
/// </summary>
internal static class BruteForce
{
    public static RecallCheck Check(IReadOnlyList<string> corpus, int sampleSize, IReadOnlyList<NearDuplicateCluster> clusters,
        double threshold, NearDuplicateOptions options)
    {
        var clusterOf = new int[sampleSize];
        Array.Fill(clusterOf, -1);
        var clusteredPairs = 0L;
        for (var c = 0; c < clusters.Count; c++)
        {
            var inSample = 0L;
            foreach (var item in clusters[c].Items)
            {
                var index = int.Parse(item, CultureInfo.InvariantCulture);
                if (index >= sampleSize) continue;
                clusterOf[index] = c;
                inSample++;
            }
            clusteredPairs += inSample * (inSample - 1) / 2;
        }
        var sets = new uint[sampleSize][];
        Parallel.For(0, sampleSize, i => sets[i] = TextSimilarity.Shingles(corpus[i], options));
        var order = Enumerable.Range(0, sampleSize).Where(i => sets[i].Length > 0).OrderBy(i => sets[i].Length).ToArray();
        long compared = 0, truePairs = 0, found = 0;
        var gate = new object();
        Parallel.For(0, order.Length, () => (Compared: 0L, True: 0L, Found: 0L), (position, _, local) =>
        {
            var a = order[position];
            var limit = sets[a].Length / threshold;
            for (var next = position + 1; next < order.Length; next++)
            {
                var b = order[next];
                if (sets[b].Length > limit) break;
                local.Compared++;
                if (TextSimilarity.Jaccard(sets[a], sets[b]) < threshold) continue;
                local.True++;
                if (clusterOf[a] >= 0 && clusterOf[a] == clusterOf[b]) local.Found++;
            }
            return local;
        }, local =>
        {
            lock (gate)
            {
                compared += local.Compared;
                truePairs += local.True;
                found += local.Found;
            }
        });
        return new RecallCheck(compared, truePairs, found, clusteredPairs);
    }
}

namespace Laoshi.Cleaning;

/// <summary>
/// Splits a MinHash signature into b bands of r rows; two texts become candidates when any band agrees, which happens
/// with probability 1 − (1 − J^r)^b for Jaccard similarity J. For a threshold we take the most rows (fewest chance
/// candidates) that still keep that probability at the threshold itself ≥ <see cref="TargetRecall"/>.
/// </summary>
internal readonly record struct LshBands(int Bands, int Rows)
{
    public const double TargetRecall = 0.99;

    public double CandidateProbability(double jaccard) => 1 - Math.Pow(1 - Math.Pow(jaccard, Rows), Bands);

    public static LshBands For(double threshold, int hashCount)
    {
        var best = new LshBands(hashCount, 1);
        for (var rows = 1; rows <= hashCount; rows++)
        {
            var bands = new LshBands(hashCount / rows, rows);
            if (bands.CandidateProbability(threshold) >= TargetRecall) best = bands;
            else break;
        }
        return best;
    }
}

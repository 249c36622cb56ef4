namespace Laoshi.Learning.Trainers.Ner;

/// <summary>
/// Collins' structured perceptron: decode each training sequence with the current weights and, where the best
/// sequence differs from the true one, move weight from the wrong tags (and tag pairs) to the right ones. The
/// averaged weights (over every step) are what it keeps, which generalise far better than the last ones. The current
/// weights are whole numbers (exact in float); averaging uses the usual trick: keep step × update beside each weight
/// and subtract their mean at the end.
/// </summary>
internal sealed class AveragedPerceptron(int featureCount, int tagCount)
{
    private readonly float[] _emission = new float[featureCount * tagCount];
    private readonly double[] _emissionSteps = new double[featureCount * tagCount];
    private readonly float[] _transition = new float[(tagCount + 1) * tagCount];
    private readonly double[] _transitionSteps = new double[(tagCount + 1) * tagCount];
    private long _step = 1;

    /// <summary>Learns from one sequence; true when the current weights got it wrong.</summary>
    public bool Learn(int[][] features, int[] truth)
    {
        var emissions = SequenceDecoder.Emissions(features, _emission, tagCount);
        var guess = SequenceDecoder.Viterbi(emissions, features.Length, _transition, tagCount);
        var wrong = false;
        for (var i = 0; i < truth.Length; i++)
        {
            var previousTruth = i == 0 ? tagCount : truth[i - 1];
            var previousGuess = i == 0 ? tagCount : guess[i - 1];
            if (truth[i] != guess[i])
            {
                wrong = true;
                foreach (var feature in features[i])
                {
                    Update(_emission, _emissionSteps, feature * tagCount + truth[i], 1);
                    Update(_emission, _emissionSteps, feature * tagCount + guess[i], -1);
                }
            }
            if (truth[i] != guess[i] || previousTruth != previousGuess)
            {
                Update(_transition, _transitionSteps, previousTruth * tagCount + truth[i], 1);
                Update(_transition, _transitionSteps, previousGuess * tagCount + guess[i], -1);
            }
        }
        _step++;
        return wrong;
    }

    /// <summary>The weights to keep: averaged over every step, or the last ones.</summary>
    public (float[] Emission, float[] Transition) Weights(bool averaged) =>
        (Final(_emission, _emissionSteps, averaged), Final(_transition, _transitionSteps, averaged));

    private void Update(float[] weights, double[] steps, int index, int delta)
    {
        weights[index] += delta;
        steps[index] += _step * delta;
    }

    private float[] Final(float[] weights, double[] steps, bool averaged)
    {
        var result = new float[weights.Length];
        for (var i = 0; i < weights.Length; i++)
            result[i] = (float)(averaged ? weights[i] - steps[i] / _step : weights[i]);
        return result;
    }
}

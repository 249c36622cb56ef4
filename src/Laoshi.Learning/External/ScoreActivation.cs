namespace Laoshi.Learning.External;

/// <summary>How a classifier's raw outputs become class probabilities.</summary>
public enum ScoreActivation
{
    /// <summary>Softmax unless every row already is a probability distribution (exported classifiers often end in one).</summary>
    Auto,
    Softmax,
    /// <summary>The outputs are probabilities already.</summary>
    None,
}

namespace Laoshi.Quality;

/// <summary>Cohen's kappa weighting, as scikit-learn's cohen_kappa_score names it (None = unweighted).</summary>
public enum CohenWeights { None, Linear, Quadratic }

namespace Laoshi.Quality;

/// <summary>
/// Dawid–Skene settings. Smoothing is a pseudo-count added to every confusion-matrix cell and class prior, so an
/// annotator who never saw a class does not get a zero (log −∞). Iteration stops when the data's log-likelihood changes
/// by no more than Tolerance of itself from one iteration to the next, or after MaxIterations.
/// </summary>
public sealed record DawidSkeneOptions(double Smoothing = 0.01, double Tolerance = 1e-6, int MaxIterations = 100);

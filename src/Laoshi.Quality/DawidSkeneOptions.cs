namespace Laoshi.Quality;

/// <summary>
/// Dawid–Skene settings. Smoothing is a pseudo-count added to every confusion-matrix cell and class prior, so an
/// annotator who never saw a class does not get a zero (log −∞). Iteration stops when no item's posterior moves by
/// more than Tolerance, or after MaxIterations.
/// </summary>
public sealed record DawidSkeneOptions(double Smoothing = 0.01, double Tolerance = 1e-6, int MaxIterations = 100);

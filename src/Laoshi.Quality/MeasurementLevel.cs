namespace Laoshi.Quality;

/// <summary>Krippendorff's levels of measurement: which distance between two values counts as disagreement.</summary>
public enum MeasurementLevel { Nominal, Ordinal, Interval, Ratio }

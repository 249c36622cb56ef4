namespace Laoshi.Bench;

/// <summary>A step of a benchmark failed (a child process exited badly, a server did not come up).</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);

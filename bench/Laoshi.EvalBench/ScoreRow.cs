using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Laoshi.EvalBench;

/// <summary>One case's scores as a view into a flat array: the bench hands the accumulator scores without a dictionary per case.</summary>
internal sealed class ScoreRow(string[] labels, double[] scores) : IReadOnlyDictionary<string, double>
{
    public int Offset { get; set; }

    public double this[string key] => scores[Offset + Array.IndexOf(labels, key)];

    public IEnumerable<string> Keys => labels;

    public IEnumerable<double> Values => labels.Select((_, k) => scores[Offset + k]);

    public int Count => labels.Length;

    public bool ContainsKey(string key) => Array.IndexOf(labels, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var k = Array.IndexOf(labels, key);
        value = k >= 0 ? scores[Offset + k] : 0;
        return k >= 0;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator()
    {
        for (var k = 0; k < labels.Length; k++) yield return new(labels[k], scores[Offset + k]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

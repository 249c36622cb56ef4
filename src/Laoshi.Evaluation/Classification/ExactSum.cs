using System.Numerics;
using System.Runtime.CompilerServices;

namespace Laoshi.Evaluation.Classification;

/// <summary>
/// A sum of doubles kept exactly (an integer mantissa sum per binary exponent) and rounded once when read, so it comes
/// out the same whatever order the terms arrive in: what lets several threads accumulate parts of one evaluation and
/// merge them into the very figures one thread would give.
/// </summary>
internal sealed class ExactSum
{
    private const int Exponents = 2047; // biased exponents of finite doubles
    private const long Hidden = 1L << 52;
    private const long Fraction = Hidden - 1;

    // Each bucket holds whole multiples of its exponent's unit; 2^74 terms fit before an Int128 could overflow.
    private Int128[]? buckets;
    private long ones;
    private double nonFinite;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (value == 1.0)
        {
            // The commonest term of all (a right single-label case); counted apart.
            ones++;
            return;
        }
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0x7FF)
        {
            // Infinity and NaN keep the arithmetic they would have had in a plain sum.
            nonFinite += value;
            return;
        }
        var mantissa = bits & Fraction;
        if (exponent == 0) exponent = 1; // subnormal: same unit as the smallest normal, no hidden bit
        else mantissa |= Hidden;
        if (mantissa == 0) return;
        (buckets ??= new Int128[Exponents])[exponent] += bits < 0 ? -mantissa : mantissa;
    }

    public void Add(ExactSum other)
    {
        ones += other.ones;
        nonFinite += other.nonFinite;
        if (other.buckets is null) return;
        buckets ??= new Int128[Exponents];
        for (var e = 0; e < Exponents; e++) buckets[e] += other.buckets[e];
    }

    /// <summary>The exact sum, correctly rounded to the nearest double.</summary>
    public double Value
    {
        get
        {
            // Everything in units of 2^-1074 (the smallest subnormal): a bucket of exponent e weighs 2^(e-1).
            var total = (BigInteger)ones << 1074;
            if (buckets is not null)
            {
                var top = Exponents - 1;
                while (top > 0 && buckets[top] == 0) top--;
                BigInteger sum = 0;
                for (var e = top; e >= 1; e--) sum = (sum << 1) + (BigInteger)buckets[e];
                total += sum;
            }
            return Round(total) + nonFinite;
        }
    }

    private static double Round(BigInteger units)
    {
        if (units.IsZero) return 0;
        var negative = units.Sign < 0;
        var magnitude = BigInteger.Abs(units);
        var length = (int)magnitude.GetBitLength();
        double value;
        if (length <= 64) value = Math.ScaleB((ulong)magnitude, -1074);
        else
        {
            // The top 64 bits with every lower bit folded into the last one: rounding 64 bits to 53 then rounds as the whole would.
            var shift = length - 64;
            var head = (ulong)(magnitude >> shift);
            if (!(magnitude & ((BigInteger.One << shift) - 1)).IsZero) head |= 1;
            value = Math.ScaleB(head, shift - 1074);
        }
        return negative ? -value : value;
    }
}

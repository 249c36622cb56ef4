namespace Laoshi.Core.Gold;

/// <summary>How one label fared against gold: gold units carrying it, how many of those were matched, answered units carrying it that matched nothing.</summary>
public sealed record LabelGrade(int Gold, int Matched, int Extra)
{
    /// <summary>Matched over everything that should or should not have been said: a miss and a false answer both cost.</summary>
    public double Accuracy => Gold + Extra == 0 ? 1 : (double)Matched / (Gold + Extra);

    public LabelGrade Plus(LabelGrade other) => new(Gold + other.Gold, Matched + other.Matched, Extra + other.Extra);
}

/// <summary>One answer graded against a gold answer; <see cref="Correct"/> when every gold unit matched and nothing else was said.</summary>
public sealed record GoldGrade(int GoldUnits, int Matched, int Extra, IReadOnlyDictionary<string, LabelGrade> ByLabel)
{
    public bool Correct => Matched == GoldUnits && Extra == 0;

    public double Accuracy => GoldUnits + Extra == 0 ? 1 : (double)Matched / (GoldUnits + Extra);
}

using System.Globalization;
using Laoshi.Core.Errors;

namespace Laoshi.Storage;

/// <summary>The person failed the project's qualification exam, so no real work reaches them until an owner resets it.</summary>
public sealed class NotQualifiedException(double score, double passScore)
    : LaoshiException(string.Create(CultureInfo.InvariantCulture, $"not qualified: score {score:0.###} < {passScore:0.###}"))
{
    public double Score { get; } = score;
    public double PassScore { get; } = passScore;
    public override int StatusCode => 403;
}

using Laoshi.Core.Gold;
using Laoshi.Core.Regions;

namespace Laoshi.Storage;

/// <summary>An item whose answer is known. InExam: it is one of the project's qualification exam items.</summary>
public sealed record GoldItem(long ItemId, IReadOnlyList<Region> Result, bool InExam, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// One person's accuracy on the gold items they answered: Items answered, ItemsCorrect (every gold unit matched and
/// nothing else said), Accuracy = matched units / (gold units + unmatched answered units), and the same per label.
/// </summary>
public sealed record GoldAccuracy(string User, int Items, int ItemsCorrect, int GoldUnits, int Matched, int Extra, double Accuracy,
    IReadOnlyDictionary<string, LabelGrade> ByLabel);

/// <summary>The project's qualification exam: on or off, the share of items to get right, and its gold items.</summary>
public sealed record ExamSettings(bool Enabled, double PassScore, IReadOnlyList<long> ItemIds);

/// <summary>A person's finished exam: Correct of Total items right, Score = Correct / Total.</summary>
public sealed record ExamResult(string User, double Score, bool Passed, int Correct, int Total, DateTimeOffset CompletedAt);

/// <summary>Where a person stands with the exam: Answered of Total items done so far; Result once finished.</summary>
public sealed record ExamStatus(bool Enabled, double PassScore, int Total, int Answered, ExamResult? Result)
{
    /// <summary>Whether real work may reach the person.</summary>
    public bool Qualified => !Enabled || Total == 0 || Result is { Passed: true };
}

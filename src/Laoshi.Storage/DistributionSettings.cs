namespace Laoshi.Storage;

/// <summary>
/// How a project hands out work. Overlap: how many different people answer each item. Order: <see cref="ItemOrder"/>.
/// Lease: how long a handed-out copy stays with its person. GoldRate: the share of a person's served items that are
/// gold (0..0.5). ExamEnabled / ExamPassScore: whether new people take the qualification exam first, and the share
/// of exam items they must get right. RandomShare: with an active-learning order, the share of a person's items served
/// in random order instead (0..1, exact per block of 20 served items), so the labels do not all come from where the
/// model is unsure.
/// </summary>
public sealed record DistributionSettings(
    int Overlap = 1, string Order = ItemOrder.Sequential, TimeSpan? Lease = null, double GoldRate = 0, bool ExamEnabled = false, double ExamPassScore = 0.8,
    double RandomShare = 0)
{
    public static DistributionSettings Default { get; } = new();

    public TimeSpan LeaseLength => Lease ?? TimeSpan.FromMinutes(30);

    /// <summary>Refuses settings that cannot work, naming the field.</summary>
    public DistributionSettings Checked()
    {
        if (Overlap is < 1 or > 100) throw new Core.Errors.BadInputException("overlap must be 1 to 100 people", path: "$.overlap", field: "overlap");
        if (!ItemOrder.All.Contains(Order))
            throw new Core.Errors.BadInputException(
                $"order must be one of: {string.Join(", ", ItemOrder.All)}", path: "$.order", field: "order");
        if (LeaseLength < TimeSpan.FromSeconds(10) || LeaseLength > TimeSpan.FromDays(7))
            throw new Core.Errors.BadInputException("lease must be 10 seconds to 7 days", path: "$.lease_minutes", field: "lease_minutes");
        if (GoldRate is < 0 or > 0.5 or double.NaN) throw new Core.Errors.BadInputException("gold rate must be 0 to 0.5", path: "$.gold_rate", field: "gold_rate");
        if (ExamPassScore is < 0 or > 1 or double.NaN) throw new Core.Errors.BadInputException("exam pass score must be 0 to 1", path: "$.exam_pass_score", field: "exam_pass_score");
        if (RandomShare is < 0 or > 1 or double.NaN) throw new Core.Errors.BadInputException("random share must be 0 to 1", path: "$.random_share", field: "random_share");
        return this;
    }
}

namespace Laoshi.Learning.Active;

/// <summary>
/// One replay of labelling a fully labelled file: which strategy picks, the seed, how many labels each round reveals
/// (Batch), how many labels in all (Budget, the initial ones included), how many seeded random labels to start from
/// (Initial), the held-out share the curve is measured on, and the random share mixed into each batch.
/// </summary>
public sealed record SimulationOptions(
    string Strategy, int Seed = 1, int Batch = 50, int Budget = 500, int Initial = 50, double TestShare = 0.2, double RandomShare = 0)
{
    public SimulationOptions Checked()
    {
        new SamplingOptions(Strategy, RandomShare, Seed).Checked();
        if (Batch < 1) throw new Core.Errors.BadInputException("the batch must be at least 1 label", field: "batch");
        if (Initial < 1) throw new Core.Errors.BadInputException("the initial labelled set must hold at least 1 label", field: "initial");
        if (Budget < Initial) throw new Core.Errors.BadInputException("the budget must be at least the initial labels", field: "budget");
        if (TestShare is <= 0 or >= 1 or double.NaN) throw new Core.Errors.BadInputException("the test share must be between 0 and 1", field: "test_share");
        return this;
    }
}

/// <summary>One point of the learning curve: after training on Labels labels, the held-out accuracy and macro F1.</summary>
public sealed record CurvePoint(int Labels, double Accuracy, double F1Macro, double TrainSeconds);

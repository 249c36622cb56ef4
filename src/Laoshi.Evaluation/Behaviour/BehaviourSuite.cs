namespace Laoshi.Evaluation.Behaviour;

/// <summary>The three kinds of CheckList test.</summary>
public enum BehaviourTestKind
{
    /// <summary>Minimum functionality: cases generated from templates must get the expected label.</summary>
    Mft,
    /// <summary>Invariance: a perturbation that should not matter must not change the predicted label.</summary>
    Inv,
    /// <summary>Directional expectation: a change must move one class's score the expected way.</summary>
    Dir,
}

/// <summary>Which way a directional test expects the class score to move (beyond the tolerance it must not go the other way).</summary>
public enum ScoreDirection { Up, Down }

/// <summary>
/// One test of a suite. Base texts come from <see cref="Templates"/> filled from <see cref="Slots"/> ({slot} in a
/// template; the same slot twice takes the same value), or from <see cref="Texts"/>. MFT checks them against
/// <see cref="Expect"/>; INV and DIR apply <see cref="Perturbation"/> to each and compare the two answers.
/// </summary>
public sealed record BehaviourTest
{
    public required string Name { get; init; }
    public required BehaviourTestKind Kind { get; init; }
    public IReadOnlyList<string> Templates { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Slots { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyList<string> Texts { get; init; } = [];
    /// <summary>MFT: the label every generated case must get.</summary>
    public string? Expect { get; init; }
    /// <summary>INV and DIR: what is done to each base text.</summary>
    public Perturbation? Perturbation { get; init; }
    /// <summary>DIR: the class whose score is watched, and which way it must go.</summary>
    public string? Label { get; init; }
    public ScoreDirection Direction { get; init; } = ScoreDirection.Up;
    /// <summary>DIR: how far the score may move the wrong way before the case fails (CheckList's tolerance).</summary>
    public double Tolerance { get; init; }
    /// <summary>At most this many base texts (a seeded sample when the templates give more).</summary>
    public int MaxCases { get; init; } = 500;
}

/// <summary>A behaviour suite: tests run against one model, whose input field the texts go into.</summary>
public sealed record BehaviourSuite
{
    public string Name { get; init; } = "behaviour";
    /// <summary>The item data field the text is put in (what the model reads).</summary>
    public string Field { get; init; } = "text";
    /// <summary>The control whose choice is the answer (from_name); null takes the first choice in the answer.</summary>
    public string? Control { get; init; }
    /// <summary>Seeds case sampling and typos, so a run is repeatable.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>The user's synonyms: each word (or Chinese phrase) and what may replace it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public required IReadOnlyList<BehaviourTest> Tests { get; init; }
}

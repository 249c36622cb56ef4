namespace Laoshi.Evaluation.Behaviour;

/// <summary>The changes INV and DIR tests apply to a text.</summary>
public enum PerturbationKind
{
    /// <summary>Swap neighbouring characters (<see cref="Perturbation.Count"/> times), seeded.</summary>
    Typos,
    /// <summary>Drop the final punctuation mark, or add one ("." or "。") when there is none.</summary>
    Punctuation,
    /// <summary>Full-width ↔ half-width letters, digits and punctuation (whichever the text is not).</summary>
    Width,
    /// <summary>Simplified → traditional Chinese.</summary>
    Traditional,
    /// <summary>Traditional → simplified Chinese.</summary>
    Simplified,
    /// <summary>Replace a word with each of its synonyms from the suite's list (one variant per synonym).</summary>
    Synonyms,
    /// <summary>Add each of <see cref="Perturbation.Additions"/> at the end.</summary>
    Append,
    /// <summary>Add each of <see cref="Perturbation.Additions"/> at the start.</summary>
    Prepend,
}

/// <summary>One perturbation and its settings; <see cref="Copies"/> caps the variants made of each text.</summary>
public sealed record Perturbation(PerturbationKind Kind, int Count = 1, int Copies = 1, IReadOnlyList<string>? Additions = null);

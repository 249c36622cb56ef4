namespace Laoshi.Evaluation.Spans;

/// <summary>The tagging scheme of a CoNLL file: which chunk prefixes may appear.</summary>
public enum ConllScheme
{
    /// <summary>I- inside, B- only to start a chunk right after one of the same type, O outside.</summary>
    Iob1,

    /// <summary>B- begins every chunk, I- continues it, O outside.</summary>
    Iob2,

    /// <summary>B- begins, I- continues, E- ends, S- is a one-token chunk, O outside.</summary>
    Iobes,
}

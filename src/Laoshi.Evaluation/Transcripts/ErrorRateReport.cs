using System.Text.Json.Nodes;

namespace Laoshi.Evaluation.Transcripts;

/// <summary>
/// Corpus error rates: total errors over total reference units (not a mean of per-utterance rates). Wer and Cer are
/// both given; the edit counts are those of <see cref="Unit"/>.
/// </summary>
public sealed record ErrorRateReport(ErrorUnit Unit, long Utterances, double Wer, double Cer, EditCounts Words, EditCounts Characters)
{
    public EditCounts Counts => Unit == ErrorUnit.Word ? Words : Characters;

    public JsonObject ToJson() => new()
    {
        ["wer"] = Wer,
        ["cer"] = Cer,
        ["substitutions"] = Counts.Substitutions,
        ["deletions"] = Counts.Deletions,
        ["insertions"] = Counts.Insertions,
        ["hits"] = Counts.Hits,
        ["unit"] = Unit == ErrorUnit.Word ? "word" : "char",
        ["utterances"] = Utterances,
        ["reference_words"] = Words.Reference,
        ["reference_chars"] = Characters.Reference,
    };
}

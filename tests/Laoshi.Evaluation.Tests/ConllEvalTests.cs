using Laoshi.Core.Errors;
using Laoshi.Evaluation.Spans;

namespace Laoshi.Evaluation.Tests;

/// <summary>conlleval's figures on its CoNLL-2000 sample, and its chunk rules on small hand cases.</summary>
public sealed class ConllEvalTests
{
    private static SpanReport Score(string text, ConllScheme scheme = ConllScheme.Iob2) => ConllEval.Evaluate(new StringReader(text), scheme);

    [Fact]
    public void The_conll2000_sample_gives_conllevals_published_figures()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "References", "conll2000-sample.txt"));
        var report = ConllEval.Evaluate(reader, ConllScheme.Iob1);
        Assert.Equal(961, report.Tokens);
        Assert.Equal(459, report.Phrases);
        Assert.Equal(539, report.Found);
        Assert.Equal(371, report.Correct);
        Assert.Equal(68.83, Math.Round(report.Precision * 100, 2));
        Assert.Equal(80.83, Math.Round(report.Recall * 100, 2));
        Assert.Equal(74.35, Math.Round(report.F1 * 100, 2));
        var json = report.ToJson();
        Assert.Equal(317, json["per_type"]!["NP"]!["found"]!.GetValue<long>());
    }

    [Fact]
    public void A_span_counts_only_when_type_and_both_boundaries_match()
    {
        var report = Score("""
            John B-PER B-PER
            Smith I-PER O
            lives O O
            in O O
            New B-LOC B-LOC
            York I-LOC I-LOC

            Paris B-LOC B-ORG
            """);
        // Truth: PER(John Smith), LOC(New York), LOC(Paris); predicted: PER(John) wrong end, LOC(New York) right, ORG(Paris) wrong type.
        Assert.Equal((3L, 3L, 1L), (report.Phrases, report.Found, report.Correct));
        Assert.Equal(1 / 3.0, report.Precision, 12);
        var loc = report.PerType.Single(t => t.Type == "LOC");
        Assert.Equal((2L, 1L, 1L), (loc.Phrases, loc.Found, loc.Correct));
        Assert.Equal(1, report.PerType.Single(t => t.Type == "ORG").Found);
    }

    [Fact]
    public void Iob1_starts_a_chunk_at_I_after_O_and_at_B_between_two_chunks_of_one_type()
    {
        var report = Score("""
            a I-NP I-NP
            b I-NP I-NP
            c B-NP I-NP
            d O O
            """, ConllScheme.Iob1);
        // Truth: [a b] [c]; predicted: [a b c].
        Assert.Equal((2L, 1L, 0L), (report.Phrases, report.Found, report.Correct));
    }

    [Fact]
    public void Iobes_single_token_chunks_and_ends_are_chunks()
    {
        var report = Score("""
            Li S-PER S-PER
            Wei S-PER B-PER
            and O E-PER
            New B-LOC B-LOC
            York E-LOC E-LOC
            """, ConllScheme.Iobes);
        // Truth: [Li] [Wei] [New York]; predicted: [Li] [Wei and] [New York].
        Assert.Equal((3L, 3L, 2L), (report.Phrases, report.Found, report.Correct));
    }

    [Fact]
    public void A_tag_outside_the_scheme_names_the_line_and_the_field()
    {
        var error = Assert.Throws<BadInputException>(() => ConllEval.Evaluate(new StringReader("a B-X B-X\nb E-X E-X\n"), ConllScheme.Iob2, "ner.txt"));
        Assert.Contains("ner.txt", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Contains("gold tag", error.Message);
        var fields = Assert.Throws<BadInputException>(() => ConllEval.Evaluate(new StringReader("a NN B-X B-X\nb B-X\n"), ConllScheme.Iob2, "ner.txt"));
        Assert.Contains("line 2", fields.Message);
    }

    [Fact]
    public void Span_metrics_match_spans_exactly_and_once_each()
    {
        var report = SpanMetrics.Compute(
        [
            new SpanCase("1", [new("PER", 0, 2), new("LOC", 5, 7)], [new("PER", 0, 2), new("PER", 0, 2), new("LOC", 5, 6)]),
            new SpanCase("2", [new("地名", 0, 2)], [new("地名", 0, 2)]),
        ]);
        Assert.Equal((3L, 4L, 2L), (report.Phrases, report.Found, report.Correct));
        Assert.Equal(0.5, report.Precision);
        Assert.Equal(2 / 3.0, report.Recall, 12);
        Assert.Equal(1.0, report.PerType.Single(t => t.Type == "地名").F1);
    }
}

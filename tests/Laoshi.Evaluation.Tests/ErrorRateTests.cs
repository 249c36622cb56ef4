using Laoshi.Evaluation.Transcripts;

namespace Laoshi.Evaluation.Tests;

/// <summary>WER and CER on cases worked by hand.</summary>
public sealed class ErrorRateTests
{
    [Fact]
    public void Substitutions_deletions_and_insertions_are_counted_by_word()
    {
        // the cat sat on the mat → the cat sit on mat please: sat→sit (S), the (D), please (I).
        var report = ErrorRates.Compute([new TranscriptCase("1", "the cat sat on the mat", "the cat sit on mat please")]);
        Assert.Equal(new EditCounts(4, 1, 1, 1), report.Words);
        Assert.Equal(3 / 6.0, report.Wer, 12);
        var json = report.ToJson();
        Assert.Equal(1, json["substitutions"]!.GetValue<long>());
        Assert.Equal(4, json["hits"]!.GetValue<long>());
    }

    [Fact]
    public void The_corpus_rate_is_total_errors_over_total_reference_words()
    {
        var report = ErrorRates.Compute(
        [
            new TranscriptCase("1", "a b c d", "a b c d"),
            new TranscriptCase("2", "e", "f g"),
        ]);
        // 0 errors in 4 words, then 1 substitution + 1 insertion in 1 word: 2 / 5, not the mean of 0 and 2.
        Assert.Equal(0.4, report.Wer, 12);
    }

    [Fact]
    public void Chinese_is_scored_by_character_even_in_word_mode()
    {
        var report = ErrorRates.Compute([new TranscriptCase("1", "今天天气很好", "今天天汽很好啊")]);
        Assert.Equal(new EditCounts(5, 1, 0, 1), report.Words);
        Assert.Equal(2 / 6.0, report.Wer, 12);
        Assert.Equal(2 / 6.0, report.Cer, 12);
        var mixed = TranscriptUnits.Words("打开 GPS 导航");
        Assert.Equal(["打", "开", "GPS", "导", "航"], mixed);
    }

    [Fact]
    public void Characters_count_spaces_once_and_combining_marks_with_their_letter()
    {
        Assert.Equal(["a", " ", "b"], TranscriptUnits.Characters("  a \t b "));
        Assert.Equal(["e\u0301", "t", "e\u0301"], TranscriptUnits.Characters("e\u0301te\u0301"));
        var report = ErrorRates.Compute([new TranscriptCase("1", "kitten", "sitting")], ErrorUnit.Character);
        Assert.Equal(new EditCounts(4, 2, 0, 1), report.Characters);
        Assert.Equal(3 / 6.0, report.Cer, 12);
    }

    [Fact]
    public void Empty_references_and_hypotheses_are_all_deletions_or_insertions()
    {
        Assert.Equal(new EditCounts(0, 0, 3, 0), ErrorRates.Score(new TranscriptCase("1", "one two three", ""), ErrorUnit.Word));
        Assert.Equal(new EditCounts(0, 0, 0, 2), ErrorRates.Score(new TranscriptCase("1", "", "uh huh"), ErrorUnit.Word));
        Assert.Equal(1.0, ErrorRates.Compute([new TranscriptCase("1", "", "uh")]).Wer);
        Assert.Equal(0.0, ErrorRates.Compute([new TranscriptCase("1", "", "")]).Wer);
    }

    [Fact]
    public async Task Files_pair_lines_or_items_and_say_where_they_do_not()
    {
        var folder = Directory.CreateTempSubdirectory("laoshi-wer-");
        try
        {
            string Write(string name, string text)
            {
                var path = Path.Combine(folder.FullName, name);
                File.WriteAllText(path, text);
                return path;
            }
            var plain = await TranscriptFiles.ComputeAsync(Write("t.txt", "a b c\nd e\n"), Write("p.txt", "a x c\nd e f\n"), ErrorUnit.Word, TestContext.Current.CancellationToken);
            Assert.Equal(2 / 5.0, plain.Wer, 12);
            var jsonl = await TranscriptFiles.ComputeAsync(
                Write("t.jsonl", "{\"item\": \"u1\", \"text\": \"a b c\"}\n{\"item\": \"u2\", \"text\": \"d e\"}\n"),
                Write("p.jsonl", "{\"item\": \"u2\", \"text\": \"d e f\"}\n{\"item\": \"u1\", \"text\": \"a x c\"}\n"), ErrorUnit.Word, TestContext.Current.CancellationToken);
            Assert.Equal(2 / 5.0, jsonl.Wer, 12);
            var shorter = await Assert.ThrowsAsync<Laoshi.Core.Errors.BadInputException>(() =>
                TranscriptFiles.ComputeAsync(Write("t2.txt", "a\nb\nc\n"), Write("p2.txt", "a\nb\n"), ErrorUnit.Word, TestContext.Current.CancellationToken));
            Assert.Contains("p2.txt", shorter.Message);
            Assert.Contains("line 3", shorter.Message);
            var missing = await Assert.ThrowsAsync<Laoshi.Core.Errors.BadInputException>(() =>
                TranscriptFiles.ComputeAsync(Write("t3.jsonl", "{\"item\": \"u1\", \"text\": \"a\"}\n{\"item\": \"u9\", \"text\": \"b\"}\n"),
                    Write("p3.jsonl", "{\"item\": \"u1\", \"text\": \"a\"}\n"), ErrorUnit.Word, TestContext.Current.CancellationToken));
            Assert.Contains("'u9'", missing.Message);
            Assert.Contains("line 2", missing.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

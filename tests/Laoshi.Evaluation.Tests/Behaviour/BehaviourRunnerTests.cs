using Laoshi.Core.Errors;
using Laoshi.Evaluation.Behaviour;

namespace Laoshi.Evaluation.Tests.Behaviour;

/// <summary>CheckList-style suites run against a model: what fails, how often, and which examples show it.</summary>
public sealed class BehaviourRunnerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static BehaviourSuite Suite(params BehaviourTest[] tests) => new() { Name = "sentiment", Tests = tests, Seed = 7 };

    private static BehaviourTest NegatedPraise => new()
    {
        Name = "negated praise",
        Kind = BehaviourTestKind.Mft,
        Templates = ["I {neg} {like} this {thing}."],
        Slots = new Dictionary<string, IReadOnlyList<string>>
        {
            ["neg"] = ["don't", "do not"],
            ["like"] = ["love", "like"],
            ["thing"] = ["film", "book", "song"],
        },
        Expect = "negative",
    };

    [Fact]
    public async Task Minimum_functionality_counts_every_template_case_and_keeps_failing_examples()
    {
        var good = await new BehaviourRunner(KeywordModel.Sentiment()).RunAsync(Suite(NegatedPraise), Cancel);
        var naive = await new BehaviourRunner(KeywordModel.Sentiment(understandsNegation: false), new BehaviourRunOptions { MaxExamples = 3 })
            .RunAsync(Suite(NegatedPraise), Cancel);

        // "like" is no keyword: the 6 "like" cases are negative either way; the 6 "love" cases fail without negation.
        Assert.Equal(12, good.Tests[0].Cases);
        Assert.Equal(0, good.Tests[0].Failed);
        Assert.Equal(6, naive.Tests[0].Failed);
        Assert.Equal(0.5, naive.FailureRate);
        Assert.Equal(3, naive.Tests[0].Examples.Count);
        var example = naive.Tests[0].Examples[0];
        Assert.Contains("love", example.Text);
        Assert.Equal("negative", example.Expected);
        Assert.Equal("positive", example.Predicted);
    }

    [Fact]
    public async Task Templates_beyond_the_limit_are_sampled_the_same_way_every_run()
    {
        var test = NegatedPraise with { MaxCases = 5 };

        var first = await new BehaviourRunner(KeywordModel.Sentiment(understandsNegation: false)).RunAsync(Suite(test), Cancel);
        var model = KeywordModel.Sentiment(understandsNegation: false);
        var second = await new BehaviourRunner(model).RunAsync(Suite(test), Cancel);

        Assert.Equal(5, first.Tests[0].Cases);
        Assert.Equal(5, model.Seen.Distinct().Count());
        Assert.Equal(first.ToJson().ToJsonString(), second.ToJson().ToJsonString());
    }

    [Fact]
    public async Task A_width_change_the_model_does_not_understand_fails_invariance()
    {
        var test = new BehaviourTest
        {
            Name = "full width",
            Kind = BehaviourTestKind.Inv,
            Texts = ["good film", "bad film", "it rains"],
            Perturbation = new Perturbation(PerturbationKind.Width),
        };

        var report = await new BehaviourRunner(KeywordModel.Sentiment()).RunAsync(Suite(test), Cancel);

        // "ｇｏｏｄ ｆｉｌｍ" has no keyword left, so it turns negative; the two negative texts stay negative.
        var result = report.Tests[0];
        Assert.Equal(3, result.Cases);
        Assert.Equal(1, result.Failed);
        Assert.Equal("ｇｏｏｄ ｆｉｌｍ", result.Examples[0].Perturbed);
        Assert.Equal("negative", result.Examples[0].PredictedAfter);
    }

    [Fact]
    public async Task Traditional_script_breaks_a_model_that_only_knows_simplified_words()
    {
        var test = new BehaviourTest
        {
            Name = "traditional",
            Kind = BehaviourTestKind.Inv,
            Texts = ["我喜欢这部电影", "这部电影很长", "今天下雨"],
            Perturbation = new Perturbation(PerturbationKind.Traditional),
        };

        var report = await new BehaviourRunner(KeywordModel.Sentiment(), new BehaviourRunOptions { ChineseScript = new CleaningScript() })
            .RunAsync(Suite(test), Cancel);

        // "今天下雨" reads the same in both scripts, so it makes no case.
        var result = report.Tests[0];
        Assert.Equal(2, result.Cases);
        Assert.Equal(1, result.Failed);
        Assert.Equal("我喜歡這部電影", result.Examples[0].Perturbed);
    }

    [Fact]
    public async Task Script_perturbations_without_a_converter_are_refused()
    {
        var test = new BehaviourTest { Name = "t", Kind = BehaviourTestKind.Inv, Texts = ["我喜欢"], Perturbation = new Perturbation(PerturbationKind.Simplified) };

        await Assert.ThrowsAsync<BadInputException>(() => new BehaviourRunner(KeywordModel.Sentiment()).RunAsync(Suite(test), Cancel));
    }

    [Fact]
    public async Task Synonyms_from_the_users_list_find_words_the_model_does_not_know()
    {
        var suite = Suite(new BehaviourTest
        {
            Name = "synonyms",
            Kind = BehaviourTestKind.Inv,
            Texts = ["a good film", "goods train", "no match here"],
            Perturbation = new Perturbation(PerturbationKind.Synonyms, Copies: 5),
        }) with { Synonyms = new Dictionary<string, IReadOnlyList<string>> { ["good"] = ["great", "fine"] } };

        var model = KeywordModel.Sentiment();
        var report = await new BehaviourRunner(model).RunAsync(suite, Cancel);

        // Only "a good film" has the whole word; "fine" is unknown to the model, so that case fails.
        var result = report.Tests[0];
        Assert.Equal(1, result.Cases);
        Assert.Equal(1, result.Failed);
        Assert.Equal("a fine film", result.Examples[0].Perturbed);
        Assert.Contains("a great film", model.Seen);
    }

    [Fact]
    public async Task Typos_are_seeded_so_a_suite_gives_the_same_cases_every_run()
    {
        var test = new BehaviourTest
        {
            Name = "typos",
            Kind = BehaviourTestKind.Inv,
            Texts = ["I love this great film", "awful acting, bad plot"],
            Perturbation = new Perturbation(PerturbationKind.Typos, Count: 2, Copies: 3),
        };

        var first = KeywordModel.Sentiment();
        var second = KeywordModel.Sentiment();
        var a = await new BehaviourRunner(first).RunAsync(Suite(test), Cancel);
        var b = await new BehaviourRunner(second).RunAsync(Suite(test), Cancel);

        Assert.Equal(first.Seen, second.Seen);
        Assert.Equal(a.ToJson().ToJsonString(), b.ToJson().ToJsonString());
        Assert.True(first.Seen.Count > 2);
    }

    [Fact]
    public async Task Directional_tests_watch_a_class_score_move_the_expected_way()
    {
        BehaviourTest Praise(ScoreDirection direction) => new()
        {
            Name = $"praise {direction}",
            Kind = BehaviourTestKind.Dir,
            Texts = ["the film was bad", "the film was long"],
            Perturbation = new Perturbation(PerturbationKind.Append, Additions: [" I loved it."]),
            Label = "positive",
            Direction = direction,
        };

        var report = await new BehaviourRunner(KeywordModel.Sentiment()).RunAsync(Suite(Praise(ScoreDirection.Up), Praise(ScoreDirection.Down)), Cancel);

        Assert.Equal(0, report.Tests[0].Failed);
        Assert.Equal(2, report.Tests[1].Failed);
        var example = report.Tests[1].Examples[0];
        Assert.True(example.ScoreAfter > example.ScoreBefore);
        Assert.Equal("the film was bad I loved it.", example.Perturbed);
    }

    [Fact]
    public async Task Directional_tests_need_class_scores()
    {
        var test = new BehaviourTest
        {
            Name = "dir", Kind = BehaviourTestKind.Dir, Texts = ["ok"], Label = "positive",
            Perturbation = new Perturbation(PerturbationKind.Append, Additions: [" good"]),
        };

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            new BehaviourRunner(KeywordModel.Sentiment(giveScores: false)).RunAsync(Suite(test), Cancel));
        Assert.Contains("positive", error.Message);
    }

    [Fact]
    public async Task The_model_is_asked_in_batches_and_each_text_once()
    {
        var texts = Enumerable.Range(0, 70).Select(i => $"text {i}").ToList();
        var suite = Suite(
            new BehaviourTest { Name = "a", Kind = BehaviourTestKind.Mft, Texts = texts, Expect = "negative" },
            new BehaviourTest { Name = "b", Kind = BehaviourTestKind.Mft, Texts = texts, Expect = "negative" });

        var model = KeywordModel.Sentiment();
        var report = await new BehaviourRunner(model, new BehaviourRunOptions { BatchSize = 32 }).RunAsync(suite, Cancel);

        Assert.Equal([32, 32, 6], model.Batches);
        Assert.Equal(140, report.Cases);
        Assert.Equal(0, report.Failed);
    }

    [Fact]
    public async Task The_report_reads_as_json_keyed_by_test_and_as_text()
    {
        var report = await new BehaviourRunner(KeywordModel.Sentiment(understandsNegation: false)).RunAsync(Suite(NegatedPraise), Cancel);

        var json = report.ToJson();
        Assert.Equal(0.5, json["tests"]!["negated praise"]!["failure_rate"]!.GetValue<double>());
        Assert.Equal("mft", json["tests"]!["negated praise"]!["type"]!.GetValue<string>());
        Assert.Equal("keywords-1", json["model"]!.GetValue<string>());
        var text = report.ToText();
        Assert.Contains("[MFT] negated praise: 6 of 12 failed (50.0 %)", text);
        Assert.Contains("expected negative, got positive", text);
    }
}

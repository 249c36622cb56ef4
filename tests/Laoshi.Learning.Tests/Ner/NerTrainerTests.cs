using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Evaluation.Spans;
using Laoshi.Learning.External;
using Laoshi.Learning.Trainers.Ner;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Ner;

public sealed class NerTrainerTests
{
    private static readonly TrainingContext Context = new(Seed: 1, new FileMediaSource(Path.GetTempPath()), Version: "ner-test");

    private static ITrainer Trainer => TrainerCatalog.CreateDefault().Get("ner");

    [Fact]
    public async Task English_entities_in_new_sentences_are_found_with_high_span_f1()
    {
        var (train, test) = EntityCorpus.English(train: 200, test: 80, seed: 3);
        await using var model = await Trainer.TrainAsync(train, ParameterValues.Defaults(Trainer.Parameters), Context, TestContext.Current.CancellationToken);

        var report = await ScoreAsync(model, test);

        Assert.True(report.F1 >= 0.95, $"span F1 {report.F1:F3} (precision {report.Precision:F3}, recall {report.Recall:F3})");
        Assert.Equal(["PER", "LOC", "ORG"], model.Classes);
    }

    [Fact]
    public async Task Chinese_entities_are_found_character_by_character()
    {
        var (train, test) = EntityCorpus.Chinese(train: 200, test: 80, seed: 5);
        await using var model = await Trainer.TrainAsync(train, ParameterValues.Defaults(Trainer.Parameters), Context, TestContext.Current.CancellationToken);

        var report = await ScoreAsync(model, test);
        var answer = (await model.PredictAsync([Input("x", "王芳住在北京。")], TestContext.Current.CancellationToken))[0];

        Assert.True(report.F1 >= 0.9, $"span F1 {report.F1:F3} (precision {report.Precision:F3}, recall {report.Recall:F3})");
        Assert.Equal([("王芳", "PER", 0, 2), ("北京", "LOC", 4, 6)], answer.Regions.Select(r => (r.Text, r.Labels[0], r.Start, r.End)));
    }

    [Fact]
    public async Task Answers_are_labels_regions_on_the_text_field_like_annotated_spans()
    {
        var (train, _) = EntityCorpus.English(train: 120, test: 0, seed: 7);
        await using var model = await Trainer.TrainAsync(train, ParameterValues.Defaults(Trainer.Parameters), Context, TestContext.Current.CancellationToken);

        var text = "Alice Smith lives in New York.";
        var answer = (await model.PredictAsync([Input("42", text)], TestContext.Current.CancellationToken))[0];

        Assert.Equal("42", answer.ItemId);
        Assert.Equal("ner-test", model.Version);
        Assert.Collection(answer.Regions,
            r => AssertSpan(r, text, "Alice Smith", "PER"),
            r => AssertSpan(r, text, "New York", "LOC"));
        Assert.All(answer.Regions, r => Assert.InRange(r.Score!.Value, 0.5, 1.0));
        Assert.InRange(answer.Score!.Value, 0.0, 1.0);
        Assert.Empty((await model.PredictAsync([Input("empty", "")], TestContext.Current.CancellationToken))[0].Regions);
    }

    [Fact]
    public async Task A_saved_model_loads_back_and_gives_the_same_answers()
    {
        var (train, test) = EntityCorpus.English(train: 120, test: 30, seed: 11);
        using var folder = new TempFolder();
        var path = folder.File("ner.model");
        var ct = TestContext.Current.CancellationToken;
        await using var model = await Trainer.TrainAsync(train, ParameterValues.Parse(["epochs=5", "window=1"], Trainer.Parameters), Context, ct);
        await using (var file = File.Create(path)) await model.SaveAsync(file, ct);

        await using var loaded = await TrainerCatalog.CreateDefault().Get("ner").LoadAsync(File.OpenRead(path), Context with { Version = "v2" }, ct);

        var inputs = test.Select(e => new ModelInput(e.Id, e.Data)).ToList();
        var before = await model.PredictAsync(inputs, ct);
        var after = await loaded.PredictAsync(inputs, ct);
        Assert.Equal("v2", loaded.Version);
        Assert.Equal(model.Classes, loaded.Classes);
        Assert.Equal(Describe(before), Describe(after));
        Assert.Contains(before, a => a.Regions.Count > 0);
    }

    [Fact]
    public async Task Ignoring_rare_evidence_still_finds_the_entities()
    {
        var (train, test) = EntityCorpus.English(train: 120, test: 40, seed: 23);
        var ct = TestContext.Current.CancellationToken;
        await using var model = await Trainer.TrainAsync(train, ParameterValues.Parse(["min_feature_count=3"], Trainer.Parameters), Context, ct);

        var report = await ScoreAsync(model, test);

        Assert.True(report.F1 >= 0.9, $"span F1 {report.F1:F3} (precision {report.Precision:F3}, recall {report.Recall:F3})");
    }

    [Fact]
    public async Task Embeddings_place_texts_with_the_same_words_closer_than_unrelated_ones()
    {
        var (train, _) = EntityCorpus.English(train: 60, test: 0, seed: 29);
        var ct = TestContext.Current.CancellationToken;
        await using var model = await Trainer.TrainAsync(train, ParameterValues.Parse(["epochs=2"], Trainer.Parameters), Context, ct);
        var embedder = Assert.IsAssignableFrom<IEmbeddingModel>(model);

        var vectors = await embedder.EmbedAsync(
            [Input("a", "Alice Smith lives in London."), Input("b", "Bob Jones lives in Paris."), Input("c", "Nobody expected the meeting to end so early.")], ct);

        static double Dot(float[] x, float[] y) => x.Zip(y, (p, q) => (double)p * q).Sum();
        Assert.All(vectors, v => Assert.Equal(NerModel.EmbeddingSize, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Dot(v, v), 4));
        Assert.True(Dot(vectors[0], vectors[1]) > Dot(vectors[0], vectors[2]));
    }

    [Fact]
    public async Task The_same_seed_and_data_train_the_same_model()
    {
        var (train, test) = EntityCorpus.Chinese(train: 60, test: 20, seed: 13);
        var ct = TestContext.Current.CancellationToken;
        var parameters = ParameterValues.Parse(["epochs=3"], Trainer.Parameters);
        await using var first = await Trainer.TrainAsync(train, parameters, Context, ct);
        await using var second = await Trainer.TrainAsync(train, parameters, Context, ct);

        var inputs = test.Select(e => new ModelInput(e.Id, e.Data)).ToList();
        Assert.Equal(Describe(await first.PredictAsync(inputs, ct)), Describe(await second.PredictAsync(inputs, ct)));
    }

    [Fact]
    public async Task Training_reports_progress_after_every_epoch()
    {
        var (train, _) = EntityCorpus.English(train: 30, test: 0, seed: 17);
        var reports = new List<TrainingProgress>();
        var progress = new SynchronousProgress(reports.Add);

        await using var _ = await Trainer.TrainAsync(train, ParameterValues.Parse(["epochs=4"], Trainer.Parameters),
            Context with { Progress = progress }, TestContext.Current.CancellationToken);

        Assert.Equal([0.25, 0.5, 0.75, 1.0], reports.Select(r => r.Fraction));
        Assert.StartsWith("epoch 4/4", reports[^1].Message);
    }

    [Theory]
    [InlineData("epochs=0", "epochs")]
    [InlineData("window=9", "window")]
    [InlineData("affix_length=two", "affix_length")]
    [InlineData("tokenization=words", "tokenization")]
    [InlineData("averaged=maybe", "averaged")]
    [InlineData("learning_rate=0.1", "learning_rate")]
    public void Bad_parameters_are_errors_naming_the_parameter(string pair, string field)
    {
        var error = Assert.Throws<BadInputException>(() => ParameterValues.Parse([pair], Trainer.Parameters));
        Assert.Equal(field, error.Errors[0].Field);
    }

    [Fact]
    public void The_trainer_declares_its_parameters_with_ranges_and_help()
    {
        var trainer = Trainer;
        Assert.Equal(TrainerTasks.Ner, trainer.Task);
        Assert.Equal(["epochs", "window", "affix_length", "min_feature_count", "word_dropout", "tokenization", "averaged"], trainer.Parameters.Select(p => p.Name));
        Assert.All(trainer.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Help)));
        Assert.All(trainer.Parameters.Where(p => p.Type == ParameterTypes.Int), p => Assert.True(p.Min < p.Max));
    }

    [Fact]
    public async Task Training_without_any_span_is_an_error()
    {
        var set = EntityCorpus.Set([new TrainingExample("a", new JsonObject { ["text"] = "Nothing here." }, [], [])]);

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            Trainer.TrainAsync(set, ParameterValues.Defaults(Trainer.Parameters), Context, TestContext.Current.CancellationToken));

        Assert.Equal("spans", error.Errors[0].Field);
    }

    [Fact]
    public async Task A_span_beyond_its_text_is_an_error_naming_the_example_and_field()
    {
        var set = EntityCorpus.Set([new TrainingExample("doc-7", new JsonObject { ["text"] = "Bob lives in Rome." }, [], [new LabelledSpan(13, 40, "LOC")])]);

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            Trainer.TrainAsync(set, ParameterValues.Defaults(Trainer.Parameters), Context, TestContext.Current.CancellationToken));

        Assert.Equal("end", error.Errors[0].Field);
        Assert.Equal("examples[0].spans[0]", error.Errors[0].Path);
        Assert.Contains("doc-7", error.Message);
    }

    [Fact]
    public async Task An_item_without_its_text_field_is_an_error_naming_the_item()
    {
        var (train, _) = EntityCorpus.English(train: 20, test: 0, seed: 19);
        await using var model = await Trainer.TrainAsync(train, ParameterValues.Parse(["epochs=1"], Trainer.Parameters), Context, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            model.PredictAsync([new ModelInput("item-9", new JsonObject { ["image"] = "a.png" })], TestContext.Current.CancellationToken));

        Assert.Equal("text", error.Errors[0].Field);
        Assert.Contains("item-9", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_ner_model_is_refused()
    {
        using var stream = new MemoryStream("not a model"u8.ToArray());

        var error = await Assert.ThrowsAsync<BadInputException>(() => Trainer.LoadAsync(stream, Context, TestContext.Current.CancellationToken));

        Assert.Equal("file", error.Errors[0].Field);
    }

    [Fact]
    public void Words_stay_whole_and_chinese_characters_stand_alone()
    {
        const string text = "Mr. O'Neil 住在北京, 2024年";

        var tokens = TextTokenizer.Tokenize(text, TextTokenizer.Auto).Select(t => text[t.Start..t.End]);
        var characters = TextTokenizer.Tokenize("ab 北", TextTokenizer.Characters).Select(t => t.Start);

        Assert.Equal(["Mr", ".", "O", "'", "Neil", "住", "在", "北", "京", ",", "2024", "年"], tokens);
        Assert.Equal([0, 1, 3], characters);
    }

    private static ModelInput Input(string id, string text) => new(id, new JsonObject { ["text"] = text });

    private static void AssertSpan(Region region, string text, string expected, string label)
    {
        Assert.Equal(RegionTypes.Labels, region.Type);
        Assert.Equal("entities", region.FromName);
        Assert.Equal("text", region.ToName);
        Assert.Equal(expected, region.Text);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), region.Start);
        Assert.Equal(region.Start + expected.Length, region.End);
        Assert.Equal([label], region.Labels);
    }

    private static async Task<SpanReport> ScoreAsync(ITrainedModel model, IReadOnlyList<TrainingExample> test)
    {
        var answers = await model.PredictAsync([.. test.Select(e => new ModelInput(e.Id, e.Data))], TestContext.Current.CancellationToken);
        return SpanMetrics.Compute(test.Zip(answers, (example, answer) => new SpanCase(
            example.Id,
            [.. example.Spans!.Select(s => new LabeledSpan(s.Label, s.Start, s.End))],
            [.. answer.Regions.Select(r => new LabeledSpan(r.Labels[0], r.Start!.Value, r.End!.Value))])));
    }

    private static List<string> Describe(IReadOnlyList<ModelAnswer> answers) =>
        [.. answers.Select(a => $"{a.ItemId} {a.Score:R}: " + string.Join("; ", a.Regions.Select(r => $"{r.Id} {r.Start}-{r.End} {r.Labels[0]} {r.Text} {r.Score:R}")))];

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this reports in order, on the training thread.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}

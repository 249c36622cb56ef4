using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;
using Laoshi.Learning.Trainers.Embeddings;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests.Trainers;

public sealed class TextMiniLmTrainerTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    private static readonly ModelTarget Target = new("sentiment", "text");

    private static readonly string[] Happy =
    [
        "I love this phone, it works wonderfully", "What a fantastic meal, truly delicious", "The staff were kind and very helpful",
        "Absolutely brilliant film, I enjoyed every minute", "Great value and superb quality", "This made my day, thank you so much",
        "The hotel room was spotless and comfortable", "Excellent service, I will come back again", "Such a lovely and cheerful song",
        "The delivery was quick and the product is perfect", "I am delighted with my purchase", "A wonderful experience from start to finish",
    ];

    private static readonly string[] Unhappy =
    [
        "I hate this phone, it keeps crashing", "The meal was cold and tasted awful", "The staff were rude and unhelpful",
        "A boring film, I walked out halfway", "Poor quality and a waste of money", "This ruined my whole day",
        "The hotel room was dirty and smelled bad", "Terrible service, never again", "An irritating and dreary song",
        "The delivery was late and the product arrived broken", "I regret buying this", "A miserable experience from start to finish",
    ];

    private static TrainingExample Example(string id, string text, params string[] labels) => new(id, new JsonObject { ["text"] = text }, labels);

    private static TrainingSet SentimentSet() => new(
        [.. Happy.Select((t, i) => Example($"p{i}", t, "positive")), .. Unhappy.Select((t, i) => Example($"n{i}", t, "negative"))],
        ["negative", "positive"], MultiLabel: false, "text", Target);

    private static TrainingContext Context() => new(Seed: 1, new FileMediaSource("."), Version: "text-minilm@1");

    private static ModelInput Input(string id, string text) => new(id, new JsonObject { ["text"] = text });

    private static readonly ModelInput[] Unseen =
    [
        Input("a", "Everything about it was marvellous and I am so pleased"),
        Input("b", "Dreadful, disappointing and a complete letdown"),
        Input("c", "I really enjoyed it, highly recommended"),
        Input("d", "Awful. It broke after one day and nobody answered my complaint"),
    ];

    private async Task<ITrainedModel> TrainSentimentAsync() =>
        await fixture.Trainer.TrainAsync(SentimentSet(), ParameterValues.Defaults(fixture.Trainer.Parameters), Context(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task It_learns_sentiment_from_two_dozen_sentences_and_is_right_on_sentences_it_never_saw()
    {
        await using var model = await TrainSentimentAsync();

        var answers = await model.PredictAsync(Unseen, TestContext.Current.CancellationToken);

        Assert.Equal(["positive", "negative", "positive", "negative"], answers.Select(a => a.Regions.Single().Labels.Single()));
        var first = answers[0];
        var region = first.Regions.Single();
        Assert.Equal(("a-c", "sentiment", "text", RegionTypes.Choices), (region.Id, region.FromName, region.ToName, region.Type));
        Assert.Equal(1.0, first.ClassScores!.Values.Sum(), 6);
        Assert.Equal(first.ClassScores["positive"], first.Score!.Value, 9);
        Assert.True(first.Score > 0.7, $"a clear case should be confident, got {first.Score}");
        Assert.Equal(("text-minilm", "text-minilm@1"), (model.Trainer, model.Version));
        Assert.Equal(["negative", "positive"], model.Classes);
    }

    [Fact]
    public async Task A_saved_model_loads_back_and_gives_the_same_answers()
    {
        await using var model = await TrainSentimentAsync();
        var before = await model.PredictAsync(Unseen, TestContext.Current.CancellationToken);
        using var file = new MemoryStream();
        await model.SaveAsync(file, TestContext.Current.CancellationToken);
        file.Position = 0;

        await using var loaded = await fixture.Trainer.LoadAsync(file, Context(), TestContext.Current.CancellationToken);
        var after = await loaded.PredictAsync(Unseen, TestContext.Current.CancellationToken);

        Assert.Equal(before.Select(a => a.Regions.Single().Labels.Single()), after.Select(a => a.Regions.Single().Labels.Single()));
        Assert.Equal(before.Select(a => a.ClassScores!["positive"]), after.Select(a => a.ClassScores!["positive"]));
        Assert.Equal(("sentiment", "text"), (after[0].Regions[0].FromName, after[0].Regions[0].ToName));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_model()
    {
        await using var one = await TrainSentimentAsync();
        await using var two = await TrainSentimentAsync();

        var a = await one.PredictAsync(Unseen, TestContext.Current.CancellationToken);
        var b = await two.PredictAsync(Unseen, TestContext.Current.CancellationToken);

        Assert.Equal(a.Select(x => x.ClassScores!["positive"]), b.Select(x => x.ClassScores!["positive"]));
    }

    [Fact]
    public async Task Multi_label_answers_give_every_class_whose_probability_passes_the_threshold()
    {
        string[] weather = ["It rained all afternoon", "A cold wind and grey clouds today", "Sunny and warm by the sea", "Snow fell overnight", "The storm knocked trees down", "Fog covered the valley this morning"];
        string[] food = ["The noodles were spicy", "We baked bread and a cake", "Fresh salad with tomatoes", "The soup needed salt", "Grilled fish with rice", "Sweet mango pudding for dessert"];
        string[] both = ["We ate hot soup because it was freezing outside", "A picnic of sandwiches in the sunshine", "Ice cream melted in the heat wave", "Rain spoiled our barbecue", "Warm dumplings on a snowy evening", "Lemonade on a scorching day"];
        var set = new TrainingSet(
            [.. weather.Select((t, i) => Example($"w{i}", t, "weather")), .. food.Select((t, i) => Example($"f{i}", t, "food")),
             .. both.Select((t, i) => Example($"b{i}", t, "weather", "food"))],
            ["food", "weather"], MultiLabel: true, "text", new ModelTarget("topics", "text"));
        var parameters = ParameterValues.Parse(["epochs=80"], fixture.Trainer.Parameters);
        await using var model = await fixture.Trainer.TrainAsync(set, parameters, Context(), TestContext.Current.CancellationToken);

        var answers = await model.PredictAsync(
            [Input("1", "Thunder and heavy rain all night"), Input("2", "Pasta with cheese and garlic"), Input("3", "Hot chocolate while the blizzard raged")],
            TestContext.Current.CancellationToken);

        Assert.Equal(["weather"], answers[0].Regions.Single().Labels);
        Assert.Equal(["food"], answers[1].Regions.Single().Labels);
        Assert.Equal(["food", "weather"], answers[2].Regions.Single().Labels.Order());
        // Independent probabilities: they need not sum to one.
        Assert.True(answers[2].ClassScores!.Values.All(p => p >= 0.5));
    }

    [Fact]
    public async Task Embeddings_are_unit_vectors_that_put_paraphrases_closer_than_unrelated_sentences()
    {
        await using var model = await TrainSentimentAsync();
        var embedder = Assert.IsAssignableFrom<IEmbeddingModel>(model);

        var vectors = await embedder.EmbedAsync(
            [Input("1", "The cat sat on the mat"), Input("2", "A kitten was sitting on the rug"), Input("3", "Interest rates rose again this quarter")],
            TestContext.Current.CancellationToken);

        Assert.All(vectors, v => Assert.Equal(MiniLmEncoder.Dimension, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
        Assert.True(Dot(vectors[0], vectors[1]) > Dot(vectors[0], vectors[2]) + 0.2);
    }

    [Fact]
    public void Batching_long_texts_and_chinese_text_work_and_do_not_change_a_text_s_vector()
    {
        var longText = string.Join(" ", Enumerable.Repeat("a very long review that goes on and on", 200));
        string[] texts = ["short", longText, "今天天气很好，我们去公园散步。", "Line one\nline two\ttabbed", ""];

        var together = fixture.Encoder.Encode(texts, null, TestContext.Current.CancellationToken);
        var alone = fixture.Encoder.Encode(["今天天气很好，我们去公园散步。"], null, TestContext.Current.CancellationToken);

        Assert.Equal(texts.Length, together.Length);
        Assert.All(together, v => Assert.Equal(384, v.Length));
        Assert.All(together, v => Assert.All(v, x => Assert.True(float.IsFinite(x))));
        Assert.Equal(1.0, Dot(together[2], alone[0]), 3);
    }

    [Fact]
    public async Task An_item_without_its_text_field_is_refused_naming_the_item_and_the_field()
    {
        await using var model = await TrainSentimentAsync();

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            model.PredictAsync([new ModelInput("42", new JsonObject { ["body"] = "hello" })], TestContext.Current.CancellationToken));

        Assert.Contains("42", error.Message);
        Assert.Contains("text", error.Message);
    }

    [Fact]
    public async Task A_model_file_from_another_trainer_or_not_a_model_at_all_is_refused()
    {
        await using var model = await TrainSentimentAsync();
        using var file = new MemoryStream();
        await model.SaveAsync(file, TestContext.Current.CancellationToken);
        var json = JsonNode.Parse(file.ToArray())!.AsObject();
        json["trainer"] = "image-resnet18";

        var other = await Assert.ThrowsAsync<BadInputException>(() =>
            fixture.Trainer.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())), Context(), TestContext.Current.CancellationToken));
        var garbage = await Assert.ThrowsAsync<BadInputException>(() =>
            fixture.Trainer.LoadAsync(new MemoryStream("PK\u0003\u0004 not json"u8.ToArray()), Context(), TestContext.Current.CancellationToken));

        Assert.Contains("image-resnet18", other.Message);
        Assert.Contains("text-minilm", garbage.Message);
    }

    [Fact]
    public async Task A_label_that_is_not_a_class_is_refused_naming_the_example()
    {
        var set = SentimentSet() with { Classes = ["positive", "neutral"] };

        var error = await Assert.ThrowsAsync<BadInputException>(() =>
            fixture.Trainer.TrainAsync(set, ParameterValues.Defaults(fixture.Trainer.Parameters), Context(), TestContext.Current.CancellationToken));

        Assert.Contains("n0", error.Message);
        Assert.Contains("negative", error.Message);
    }

    [Fact]
    public void The_default_catalog_lists_both_embedding_trainers_with_their_parameters()
    {
        var catalog = TrainerCatalog.CreateDefault();

        var text = catalog.Get("text-minilm");
        var image = catalog.Get("image-resnet18");

        Assert.Equal(TrainerTasks.TextClassification, text.Task);
        Assert.Equal(TrainerTasks.ImageClassification, image.Task);
        Assert.Equal(["epochs", "learning_rate", "l2", "threshold"], text.Parameters.Select(p => p.Name));
        Assert.Throws<BadInputException>(() => ParameterValues.Parse(["l2=5"], text.Parameters));
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}

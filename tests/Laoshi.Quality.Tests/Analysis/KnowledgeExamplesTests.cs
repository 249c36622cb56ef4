using System.Diagnostics;
using System.Text.Json;
using Laoshi.Quality.Analysis;

namespace Laoshi.Quality.Tests.Analysis;

public sealed class KnowledgeExamplesTests
{
    private static readonly string[] Documents =
    [
        "the cat sat on the mat", "a cat and a kitten", "the kitten purrs", "dogs chase the cat", "my cat sleeps all day",
        "猫在睡觉", "小猫很可爱", "the stock market fell",
    ];

    [Fact]
    public void Similarity_to_the_centre_equals_scikit_learns_tf_idf()
    {
        var tokenizer = new TextTokenizer();
        var terms = Documents.Select(tokenizer.Terms).ToList();
        // Many dimensions, so that these few terms do not collide and the hashed space equals the exact one.
        var space = new HashedTfIdf(1 << 22);
        foreach (var document in terms) space.CountDocument(document);
        var centroids = new LabelCentroids(space.Dimensions);
        foreach (var document in terms) centroids.Add("cat", space.Vector(document));
        var ours = terms.Select(d => centroids.Similarity("cat", space.Vector(d))!.Value).ToList();
        var reference = SklearnSimilarities(terms);
        Assert.Equal(reference.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++) Assert.Equal(reference[i], ours[i], 9);
    }

    [Fact]
    public void Typical_examples_are_nearest_the_centre_and_borderline_ones_farthest()
    {
        var tokenizer = new TextTokenizer();
        string[] documents = ["the cat sat on the mat", "a cat and a kitten", "the kitten purrs", "my cat sleeps on the mat", "stock prices fell sharply"];
        var space = new HashedTfIdf();
        var terms = documents.Select(tokenizer.Terms).ToList();
        foreach (var document in terms) space.CountDocument(document);
        var centroids = new LabelCentroids(space.Dimensions);
        foreach (var document in terms) centroids.Add("cat", space.Vector(document));
        var selector = new ExampleSelector(perLabel: 2);
        for (var i = 0; i < documents.Length; i++)
            selector.Offer("cat", new LabelExample(i + 1, documents[i], centroids.Similarity("cat", space.Vector(terms[i]))!.Value));
        var examples = selector.Summarize()["cat"];
        Assert.Equal(2, examples.Typical.Count);
        Assert.All(examples.Typical, e => Assert.Contains("cat", e.Text));
        Assert.Equal("stock prices fell sharply", examples.Borderline[0].Text);
        Assert.True(examples.Typical[0].Similarity >= examples.Typical[1].Similarity);
        Assert.True(examples.Borderline[0].Similarity <= examples.Borderline[1].Similarity);
        Assert.Empty(examples.Typical.Select(e => e.Item).Intersect(examples.Borderline.Select(e => e.Item)));
    }

    [Fact]
    public void A_label_without_documents_has_no_similarity()
    {
        Assert.Null(new LabelCentroids(16).Similarity("none", new SparseVector([1], [1.0])));
    }

    private static List<double> SklearnSimilarities(IReadOnlyList<IReadOnlyList<string>> documents)
    {
        var start = new ProcessStartInfo(PythonReference.Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "References", "tfidf_centroid.py"));
        using var process = Process.Start(start)!;
        process.StandardInput.Write(JsonSerializer.Serialize(new { documents }));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"scikit-learn reference failed (run scripts/python-refs.sh): {error}");
        using var json = JsonDocument.Parse(output.Result);
        return json.RootElement.GetProperty("similarities").EnumerateArray().Select(e => e.GetDouble()).ToList();
    }
}

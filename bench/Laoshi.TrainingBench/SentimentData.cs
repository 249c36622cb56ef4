using System.Globalization;
using System.Text.Json.Nodes;
using Laoshi.Learning.External;
using Laoshi.Learning.Training;

namespace Laoshi.TrainingBench;

/// <summary>
/// The UCI "Sentiment Labelled Sentences" files (sentence TAB 0|1 per line; amazon, imdb, yelp) as one training set
/// with the classes "negative" and "positive"; ids are FILE:LINE.
/// </summary>
public static class SentimentData
{
    public static readonly string[] Files = ["amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"];

    public static async Task<TrainingSet> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var examples = new List<TrainingExample>();
        foreach (var name in Files)
        {
            var path = Path.Combine(folder, name);
            var line = 0;
            await foreach (var text in File.ReadLinesAsync(path, cancellationToken))
            {
                line++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                var tab = text.LastIndexOf('\t');
                var score = tab > 0 ? text[(tab + 1)..].Trim() : "";
                if (score is not ("0" or "1")) throw new InvalidDataException($"{path}:{line}: expected 'sentence<TAB>0|1'");
                var id = $"{Path.GetFileNameWithoutExtension(name)}:{line.ToString(CultureInfo.InvariantCulture)}";
                examples.Add(new TrainingExample(id, new JsonObject { ["text"] = text[..tab].Trim() }, [score == "1" ? "positive" : "negative"]));
            }
        }
        return new TrainingSet(examples, ["negative", "positive"], MultiLabel: false, "text", new ModelTarget("sentiment", "text"));
    }
}

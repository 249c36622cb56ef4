using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Quality.Analysis;
using Laoshi.Server.Api;
using Laoshi.Storage;

namespace Laoshi.Server.Analysis;

/// <summary>
/// Dataset statistics and the knowledge view of a project, streamed from its current answers (the export stream:
/// pages of items, flat memory). Statistics are one pass; knowledge needs three (document frequencies and terms,
/// then label centres, then each text's distance to its centre), because a centre is only known once all texts are in.
/// </summary>
public sealed class ProjectAnalysis(LaoshiStore store, ProjectSchemas schemas)
{
    public const int MaxTop = 200;
    public const int MaxBins = 100;
    public const int MaxExamples = 20;
    private const int ExampleLength = 300;

    public async Task<DatasetAnalysis> AnalyzeAsync(ProjectInfo project, int topTerms = 20, int bins = 20, CancellationToken ct = default)
    {
        Check(topTerms, 1, MaxTop, "top");
        Check(bins, 1, MaxBins, "bins");
        var pass = new AnalysisPass(schemas.For(project), new TextTokenizer());
        await foreach (var item in store.Export.StreamAsync(project.Id, ct: ct)) pass.Add(item);
        return pass.Summarize(topTerms, bins);
    }

    public async Task<KnowledgeReport> KnowledgeAsync(ProjectInfo project, int terms = 10, int examples = 3, CancellationToken ct = default)
    {
        Check(terms, 1, MaxTop, "terms");
        Check(examples, 1, MaxExamples, "examples");
        var schema = schemas.For(project);
        var tokenizer = new TextTokenizer();
        var space = new HashedTfIdf();
        var pass = new AnalysisPass(schema, tokenizer, space);
        await foreach (var item in store.Export.StreamAsync(project.Id, ct: ct)) pass.Add(item);

        var centroids = new LabelCentroids(space.Dimensions);
        await foreach (var item in store.Export.StreamAsync(project.Id, ct: ct))
        {
            foreach (var text in LabelledTexts.Of(item, schema)) centroids.Add(text.Label, space.Vector(tokenizer.Terms(text.Text)));
        }
        var selector = new ExampleSelector(examples);
        await foreach (var item in store.Export.StreamAsync(project.Id, ct: ct))
        {
            foreach (var text in LabelledTexts.Of(item, schema))
            {
                var vector = space.Vector(tokenizer.Terms(text.Text));
                if (centroids.Similarity(text.Label, vector) is { } similarity)
                    selector.Offer(text.Label, new LabelExample(text.Item, Shorten(text.Text), Math.Round(similarity, 6)));
            }
        }

        var distinctive = DistinctiveTerms.Compute(pass.Terms, terms);
        var chosen = selector.Summarize();
        var labels = pass.LabelShares().Select(share =>
        {
            var control = schema.Control(share.Control);
            var definition = control?.Labels.FirstOrDefault(l => l.Value == share.Label);
            var found = chosen.GetValueOrDefault(share.Label);
            return new LabelKnowledge(share.Control, share.Label, definition?.Alias, definition?.Description, control?.Description,
                share.Items, share.Regions, distinctive.GetValueOrDefault(share.Label) ?? [], found?.Typical ?? [], found?.Borderline ?? []);
        }).ToList();
        return new KnowledgeReport(schema.Guideline, pass.Items, labels);
    }

    private static string Shorten(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length <= ExampleLength) return trimmed;
        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(trimmed[ExampleLength - 2]) ? ExampleLength - 2 : ExampleLength - 1;
        return string.Concat(trimmed.AsSpan(0, cut), "…");
    }

    private static void Check(int value, int min, int max, string field)
    {
        if (value < min || value > max) throw new BadInputException($"'{field}' must be from {min} to {max}; got {value}", field: field);
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Models;
using Laoshi.Core.Regions;
using Laoshi.Learning.External;

namespace Laoshi.Learning.Tests;

public sealed class ThresholdedModelTests
{
    [Fact]
    public async Task Regions_below_their_labels_threshold_are_left_out_and_others_stay()
    {
        await using var model = new ThresholdedModel(new Fixed(), new Dictionary<string, double> { ["sofa"] = 0.5 });

        var answer = (await model.PredictAsync([new ModelInput("1", [])], TestContext.Current.CancellationToken)).Single();

        Assert.Equal(["sofa 0.7", "carpet 0.2"], answer.Regions.Select(r => $"{r.Labels[0]} {r.Score}"));
    }

    private sealed class Fixed : IItemModel
    {
        public string Version => "fixed";

        public Task<IReadOnlyList<ModelAnswer>> PredictAsync(IReadOnlyList<ModelInput> inputs, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ModelAnswer>>([new ModelAnswer(inputs[0].ItemId,
                [Box("sofa", 0.7), Box("sofa", 0.4), Box("carpet", 0.2)])]);

        private static Region Box(string label, double score) =>
            new() { Id = label + score, FromName = "objects", ToName = "image", Type = RegionTypes.RectangleLabels, Labels = [label], Score = score, X = 0, Y = 0, Width = 1, Height = 1 };

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Evaluation.Gates;

namespace Laoshi.Evaluation.Tests;

/// <summary>Gates as a CI pipeline writes them.</summary>
public sealed class GateTests
{
    private static readonly JsonObject Metrics = JsonNode.Parse("""
        {"accuracy": 0.9, "f1_macro": 0.85, "AP50": 0.61, "roc_auc_macro": null,
         "per_class": {"cat": {"f1": 0.7, "support": 12}, "v1.2": {"f1": 0.4}}, "labels": ["cat", "v1.2"]}
        """)!.AsObject();

    [Theory]
    [InlineData("f1_macro>=0.85", true)]
    [InlineData("f1_macro > 0.85", false)]
    [InlineData(" accuracy<=0.9 ", true)]
    [InlineData("accuracy<0.9", false)]
    [InlineData("accuracy==0.9", true)]
    [InlineData("AP50>=0.6", true)]
    [InlineData("ap50>=0.6", true)]
    [InlineData("per_class.cat.f1>0.69", true)]
    [InlineData("per_class.v1.2.f1>=0.5", false)]
    [InlineData("per_class.cat.support>=10", true)]
    public void A_gate_passes_exactly_when_its_condition_holds(string expression, bool passes)
    {
        var outcome = MetricGates.Check([MetricGate.Parse(expression)], Metrics).Single();
        Assert.Equal(passes, outcome.Passed);
        Assert.NotNull(outcome.Actual);
    }

    [Fact]
    public void An_undefined_metric_fails_its_gate()
    {
        var outcome = MetricGates.Check([MetricGate.Parse("roc_auc_macro>=0.5")], Metrics).Single();
        Assert.False(outcome.Passed);
        Assert.Null(outcome.Actual);
    }

    [Theory]
    [InlineData("f1_macro")]
    [InlineData("f1_macro>=")]
    [InlineData(">=0.5")]
    [InlineData("f1_macro=>0.5")]
    [InlineData("f1_macro>=high")]
    public void A_malformed_gate_is_named_in_the_error(string expression)
    {
        var error = Assert.Throws<BadInputException>(() => MetricGate.Parse(expression));
        Assert.Contains($"'{expression}'", error.Message);
        Assert.Equal("gate", error.Errors[0].Field);
    }

    [Fact]
    public void An_unknown_metric_lists_the_known_names()
    {
        var error = Assert.Throws<BadInputException>(() => MetricGates.Check([MetricGate.Parse("f1_macr>=0.8")], Metrics));
        Assert.Contains("no metric 'f1_macr'", error.Message);
        Assert.Contains("f1_macro", error.Message);
        Assert.Contains("per_class.cat.f1", error.Message);
        Assert.DoesNotContain("labels", error.Message);
        Assert.Throws<BadInputException>(() => MetricGates.Check([MetricGate.Parse("per_class>=1")], Metrics));
    }
}

using Laoshi.Core.Errors;

namespace Laoshi.Quality.Tests;

public sealed class RatingTableTests
{
    [Fact]
    public void A_second_label_from_the_same_annotator_on_an_item_is_refused_with_both_positions()
    {
        var builder = new RatingTableBuilder();
        builder.Add("i1", "ann", "x");
        builder.Add("i2", "ann", "y");
        builder.Add("i1", "ann", "z");
        var error = Assert.Throws<DuplicateRatingException>(builder.Build);
        Assert.Equal(("i1", "ann", 0, 2), (error.Item, error.Annotator, error.FirstPosition, error.SecondPosition));
    }

    [Fact]
    public void Numeric_labels_are_one_label_whatever_their_spelling_and_sort_by_value()
    {
        var builder = new RatingTableBuilder();
        builder.Add("i", "a", 10);
        builder.Add("i", "b", "2");
        builder.Add("j", "a", 2.0);
        var table = builder.Build();
        Assert.Equal(["2", "10"], table.Labels);
        Assert.True(table.AllLabelsNumeric);
    }

    [Fact]
    public void Fleiss_names_the_first_item_whose_count_differs()
    {
        var builder = new RatingTableBuilder();
        foreach (var who in new[] { "a", "b", "c" }) builder.Add("first", who, "x");
        builder.Add("second", "a", "x");
        builder.Add("second", "b", "y");
        var error = Assert.Throws<BadInputException>(() => FleissKappa.Compute(builder.Build()));
        Assert.Contains("item 'second' has 2", error.Message);
        Assert.Contains("item 'first' (the first) has 3", error.Message);
    }

    [Fact]
    public void Cohen_refuses_three_annotators_and_interval_alpha_refuses_words()
    {
        var builder = new RatingTableBuilder();
        foreach (var who in new[] { "a", "b", "c" }) builder.Add("i", who, "low");
        var table = builder.Build();
        Assert.Contains("exactly two annotators; the data has 3", Assert.Throws<BadInputException>(() => CohenKappa.Compute(table)).Message);
        Assert.Contains("'low' is not a number", Assert.Throws<BadInputException>(() => KrippendorffAlpha.Compute(table, MeasurementLevel.Interval)).Message);
    }

    [Fact]
    public void Percent_agreement_averages_pairwise_agreement_over_items_with_two_labels()
    {
        var builder = new RatingTableBuilder();
        builder.Add("i", "a", "x"); builder.Add("i", "b", "x"); builder.Add("i", "c", "y"); // 1 of 3 pairs agree
        builder.Add("j", "a", "x"); builder.Add("j", "b", "x");                            // 1 of 1
        builder.Add("k", "a", "y");                                                         // single label: ignored
        Assert.Equal((1.0 / 3 + 1) / 2, PercentAgreement.Compute(builder.Build()), 1e-12);
    }
}

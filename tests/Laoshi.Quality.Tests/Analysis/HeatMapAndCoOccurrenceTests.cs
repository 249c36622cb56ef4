using Laoshi.Quality.Analysis;

namespace Laoshi.Quality.Tests.Analysis;

public sealed class HeatMapAndCoOccurrenceTests
{
    [Fact]
    public void Points_land_in_their_cell_and_outside_points_on_the_edge()
    {
        var map = new HeatMap(rows: 2, columns: 4);
        map.Add(0.1, 0.1);   // top left
        map.Add(0.9, 0.9);   // bottom right
        map.Add(1.0, 1.0);   // on the far edge: still the last cell
        map.Add(-0.5, 0.6);  // off the left: first column, bottom row
        map.Add(double.NaN, 0.5);
        var summary = map.Summarize();
        Assert.Equal(4, summary.Count);
        Assert.Equal([1L, 0, 0, 0], summary.Cells[0]);
        Assert.Equal([1L, 0, 0, 2], summary.Cells[1]);
    }

    [Fact]
    public void Co_occurrence_counts_items_carrying_both_labels()
    {
        var pairs = new LabelCoOccurrence();
        pairs.Add(["person", "car"]);
        pairs.Add(["car", "car", "person"]);
        pairs.Add(["dog"]);
        pairs.Add(["person"]);
        var matrix = pairs.Summarize();
        Assert.Equal(["car", "dog", "person"], matrix.Labels);
        Assert.Equal([2L, 0, 2], matrix.Counts[0]);
        Assert.Equal([0L, 1, 0], matrix.Counts[1]);
        Assert.Equal([2L, 0, 3], matrix.Counts[2]);
    }
}

namespace Laoshi.Quality.Analysis;

/// <summary>
/// Counts points of the unit square in a grid of cells: where box centres fall in their images, or how wide and
/// high boxes are relative to their images. Points outside [0, 1] are clamped to the edge cells, so a box that
/// runs off the image still counts.
/// </summary>
public sealed class HeatMap
{
    private readonly long[,] cells;

    public HeatMap(int rows = 10, int columns = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        cells = new long[rows, columns];
        Rows = rows;
        Columns = columns;
    }

    public int Rows { get; }
    public int Columns { get; }
    public long Count { get; private set; }

    /// <summary>Adds a point: x across (column), y down (row), both fractions of the whole; NaN is ignored.</summary>
    public void Add(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y)) return;
        var column = Math.Clamp((int)Math.Floor(x * Columns), 0, Columns - 1);
        var row = Math.Clamp((int)Math.Floor(y * Rows), 0, Rows - 1);
        cells[row, column]++;
        Count++;
    }

    public HeatMapSummary Summarize()
    {
        var rows = new long[Rows][];
        for (var r = 0; r < Rows; r++)
        {
            rows[r] = new long[Columns];
            for (var c = 0; c < Columns; c++) rows[r][c] = cells[r, c];
        }
        return new HeatMapSummary(Rows, Columns, Count, rows);
    }
}

/// <summary>A heat map's counts: Cells[row][column], row 0 at the top (y from 0), column 0 at the left (x from 0).</summary>
public sealed record HeatMapSummary(int Rows, int Columns, long Count, IReadOnlyList<IReadOnlyList<long>> Cells);
